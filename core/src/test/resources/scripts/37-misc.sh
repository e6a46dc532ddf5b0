# odds and ends: metrics, a route without a device, usage text, per-interface sysctls, field splitting
ip netns add a
ip -n a link add v1 type veth peer name v2
ip -n a link set v1 up
ip -n a addr add 10.1.1.1/24 dev v1
ip netns exec a ip -4 route show table local
ip netns exec a ip netns list
ip -n a route add 10.5.0.0/16 dev v1 metric 10
ip -n a route add 10.5.0.0/16 dev v1 metric 20
ip -n a route
ip -n a route del 10.5.0.0/16 dev v1 metric 20
ip -n a route
ip -n a route add default dev v1
ip -n a route show
ip -n a addr add 10.1.1.1/24 dev v1
echo rc=$?
ip -n a link set v1 mtu 9000
ip -n a link show v1
ip route add 10.1.0.0/16
echo rc=$?
ip route add
echo rc=$?
ip addr add 10.0.0.1/24
echo rc=$?
sysctl -n net.ipv4.conf.lo.forwarding
ip netns exec a sysctl -w net.ipv4.conf.v1.forwarding=1
ip netns exec a sysctl net.ipv4.conf.v2.forwarding
X="a b"
for w in $X "$X"; do echo "[$w]"; done
ip netns del a
ip netns list
