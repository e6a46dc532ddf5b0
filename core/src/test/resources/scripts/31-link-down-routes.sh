# admin down removes routes, carrier down flags them linkdown
ip netns add a
ip link add v1 type veth peer name v1p netns a
ip addr add 10.0.0.1/24 dev v1
ip -n a addr add 10.0.0.2/24 dev v1p
ip link set v1 up
ip -n a link set v1p up
ip route add 10.9.0.0/16 via 10.0.0.2
ip route
ip -n a link set v1p down
# the kernel flags routes linkdown from its linkwatch work, up to a second later
sleep 1.5
ip route
ip link set v1 down
ip route
ip link set v1 up
ip route
