# the tutorial's lesson: no return route, only loss
ip netns add a
ip netns add b
ip link add ra type veth peer name va netns a
ip link add rb type veth peer name vb netns b
ip addr add 10.1.0.1/24 dev ra
ip addr add 10.2.0.1/24 dev rb
ip -n a addr add 10.1.0.2/24 dev va
ip -n b addr add 10.2.0.2/24 dev vb
ip link set ra up; ip link set rb up
ip -n a link set va up; ip -n b link set vb up
echo 1 > /proc/sys/net/ipv4/ip_forward
ip -n a route add 10.2.0.0/24 via 10.1.0.1
ip netns exec a ping -c1 -W1 10.2.0.2
echo "rc=$?"
ip -n b route add 10.1.0.0/24 via 10.2.0.1
ip netns exec a ping -c1 -W1 10.2.0.2
echo "rc=$?"
