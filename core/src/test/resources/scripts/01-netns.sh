# ip netns add, list, del and their refusals
ip netns add a
ip netns add b
ip netns list
ip netns add a
echo "rc=$?"
ip netns del b
ip netns list
ip netns del b
echo "rc=$?"
ip netns delete a
ip netns
