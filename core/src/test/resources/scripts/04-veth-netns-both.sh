# veth created with both ends in named namespaces
ip netns add a
ip netns add b
ip -n a link add x type veth peer name y netns b
ip -n a link
ip -n b link
ip link
