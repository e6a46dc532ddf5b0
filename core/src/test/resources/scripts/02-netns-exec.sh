# ip netns exec runs the tools inside; a missing namespace is refused
ip netns add red
ip netns exec red ip link
ip netns exec red ip addr
ip netns exec blue ip link
echo "rc=$?"
ip -n blue link
echo "rc=$?"
ip netns exec red sysctl net.ipv4.ip_forward
