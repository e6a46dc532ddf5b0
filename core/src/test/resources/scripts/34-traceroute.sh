# traceroute across two routers
ip netns add h1
ip netns add r2
ip netns add h3
ip link add x type veth peer name a1 netns h1
ip -n h1 link set a1 up
ip link set x up
ip addr add 10.1.0.1/24 dev x
ip -n h1 addr add 10.1.0.2/24 dev a1
ip link add y type veth peer name b2 netns r2
ip link set y up
ip -n r2 link set b2 up
ip addr add 10.2.0.1/24 dev y
ip -n r2 addr add 10.2.0.2/24 dev b2
ip -n r2 link add c type veth peer name c3 netns h3
ip -n r2 link set c up
ip -n h3 link set c3 up
ip -n r2 addr add 10.3.0.1/24 dev c
ip -n h3 addr add 10.3.0.2/24 dev c3
sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip -n h1 route add default via 10.1.0.1
ip route add 10.3.0.0/24 via 10.2.0.2
ip -n r2 route add default via 10.2.0.1
ip -n h3 route add default via 10.3.0.1
ip netns exec h1 traceroute -n -I 10.3.0.2
ip netns exec h1 traceroute -n -I -q1 -m2 10.3.0.2
ip netns exec h1 ping -c1 10.3.0.2
