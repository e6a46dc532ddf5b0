# moving a link flushes its addresses and brings it down
ip netns add a
ip link add v1 type veth peer name v2
ip addr add 10.0.0.1/24 dev v1
ip link set v1 up
ip link set v1 netns a
ip -n a addr
ip route
