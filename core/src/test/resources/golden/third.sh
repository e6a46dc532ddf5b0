# LAN: h1, h2, r on bridge in sw. h1 routes 10.9.0.0/24 via r (10.0.0.254); r routes 10.9.0.0/24 via h2 (10.0.0.2) -> redirect
for n in sw h1 h2 r; do ip netns add $n; done
ip -n sw link add br0 type bridge
ip -n h1 link add eth0 type veth peer name p1 netns sw
ip -n h2 link add eth0 type veth peer name p2 netns sw
ip -n r link add eth0 type veth peer name p3 netns sw
for p in p1 p2 p3; do ip -n sw link set $p master br0; ip -n sw link set $p up; done
ip -n sw link set br0 up
ip -n h1 addr add 10.0.0.1/24 dev eth0; ip -n h2 addr add 10.0.0.2/24 dev eth0; ip -n r addr add 10.0.0.254/24 dev eth0
ip -n h2 addr add 10.9.0.1/24 dev lo
for n in sw h1 h2 r; do ip -n $n link set lo up; done
for n in h1 h2 r; do ip -n $n link set eth0 up; done
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip -n h1 route add 10.9.0.0/24 via 10.0.0.254
ip -n r route add 10.9.0.0/24 via 10.0.0.2
sleep 0.2
echo "=== redirect"
ip netns exec h1 ping -c2 -i0.3 10.9.0.1; echo "rc=$?"
echo "=== host unreach count 3"
ip netns exec h1 ping -c3 -i0.5 -W5 10.0.0.77; echo "rc=$?"
echo "=== lo addr"
ip -n h2 addr show dev lo; ip -n h2 route show table local
echo "=== secondary"
ip -n h1 addr add 10.0.0.11/24 dev eth0; ip -n h1 addr add 10.0.0.1/16 dev eth0; ip -n h1 addr; ip -n h1 route; ip -n h1 route show table local
ip -n h1 addr add 10.0.0.1/32 dev eth0; ip -n h1 addr show dev eth0
echo "=== veth same ns"
ip netns add one; ip -n one link add a type veth peer name b; ip -n one link; ip -n one link set a up; ip -n one link
ip -n one link add c mtu 9000 type veth peer name d; ip -n one link show c
ip -n one addr add 10.1.1.1/24 dev a; ip -n one link set a netns h1; ip -n h1 link show a; ip -n h1 addr show dev a
echo "=== rp_filter strict"
ip netns exec r sysctl -qw net.ipv4.conf.all.rp_filter=1
ip -n h2 route add 10.0.0.0/8 via 10.0.0.254
ip -n h2 route add 10.55.0.0/24 via 10.0.0.254
ip netns exec h2 ping -c1 -W1 -I 10.9.0.1 10.0.0.254; echo "rc=$?"
echo "=== route errors"
ip -n h1 route add 10.60.0.0/24 via 10.0.0.254 onlink
ip -n h1 route add 10.61.0.0/24 via 10.200.0.1 dev eth0 onlink
ip -n h1 route add 10.62.0.0/24 dev eth0
ip -n h1 route add 10.63.0.0/24 via 10.0.0.254 metric 5; ip -n h1 route add 10.63.0.0/24 via 10.0.0.2 metric 7
ip -n h1 route add 10.63.0.0/24 via 10.0.0.2 metric 5
ip -n h1 route add blackhole 10.63.0.0/24 metric 5
ip -n h1 route add 10.64.0.0/24 via 10.0.0.254 src 10.0.0.11
ip -n h1 route add default via 10.0.0.254 metric 100
ip -n h1 route; ip netns exec h1 route -n
ip -n h1 route add 10.65.0.0/24 via 10.0.0.1
ip -n h1 route add 10.66.0.0/24 via 127.0.0.1
ip -n h1 link set eth0 down; ip -n h1 route add 10.67.0.0/24 via 10.0.0.254; ip -n h1 route add 10.67.0.0/24 dev eth0; ip -n h1 route
ip -n h1 route del 10.62.0.0/24
ip -n h1 route add 10.67.0.0/24 via 10.0.0.254 dev lo
