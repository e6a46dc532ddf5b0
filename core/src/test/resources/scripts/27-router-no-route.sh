# the router has no route: net unreachable from the router
ip netns add a
ip link add ra type veth peer name va netns a
ip addr add 10.1.0.1/24 dev ra
ip -n a addr add 10.1.0.2/24 dev va
ip link set ra up
ip -n a link set va up
ip -n a route add default via 10.1.0.1
echo 1 > /proc/sys/net/ipv4/ip_forward
ip netns exec a ping -c1 -W1 10.99.0.1
echo "rc=$?"
