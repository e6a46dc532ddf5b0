# forwarding off drops, on forwards; TTL 1 expires at the router
ip netns add a
ip netns add b
ip link add ra type veth peer name va netns a
ip link add rb type veth peer name vb netns b
ip addr add 10.1.0.1/24 dev ra
ip addr add 10.2.0.1/24 dev rb
ip -n a addr add 10.1.0.2/24 dev va
ip -n b addr add 10.2.0.2/24 dev vb
for dev in ra rb; do ip link set $dev up; done
ip -n a link set va up
ip -n b link set vb up
ip -n a route add default via 10.1.0.1
ip -n b route add default via 10.2.0.1
ip netns exec a ping -c1 -W1 10.2.0.2
echo "rc=$?"
sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c2 -i0.2 10.2.0.2
ip netns exec a ping -c1 -t1 10.2.0.2
echo "rc=$?"
ip netns exec a traceroute -n -I 10.2.0.2
