set -x
ip netns add ns1; ip netns add router; ip netns add ns2
ip -n ns1 link add v1 type veth peer name v1_r netns router
ip -n ns2 link add v2 type veth peer name v2_r netns router
ip -n ns1 addr add 10.10.10.2/24 dev v1
ip -n router addr add 10.10.10.1/24 dev v1_r
ip -n ns2 addr add 10.10.20.2/24 dev v2
ip -n router addr add 10.10.20.1/24 dev v2_r
for n in ns1 router ns2; do ip -n $n link set lo up; done
ip -n ns1 link set v1 up; ip -n router link set v1_r up; ip -n router link set v2_r up; ip -n ns2 link set v2 up
ip netns exec router sysctl -w net.ipv4.ip_forward=1
echo "=== ping no route"
ip netns exec ns1 ping -c1 -W1 10.10.20.2; echo "rc=$?"
ip -n ns1 route add 10.10.20.0/24 via 10.10.10.1
ip -n ns2 route add 10.10.10.0/24 via 10.10.20.1
echo "=== ip route ns1"; ip -n ns1 route | cat -A
echo "=== ip route table local ns1"; ip -n ns1 route show table local | cat -A
echo "=== ip -4 route table local router"; ip -n router -4 route show table local | cat -A
echo "=== ip addr ns1"; ip -n ns1 addr | cat -A
echo "=== ip link ns1"; ip -n ns1 link | cat -A
echo "=== ip -j addr ns1"; ip -n ns1 -j addr; echo
echo "=== ip -j link ns1"; ip -n ns1 -j link; echo
echo "=== ip -j route ns1"; ip -n ns1 -j route; echo
echo "=== ip -j route table local ns1"; ip -n ns1 -j route show table local; echo
echo "=== route -n ns1"; ip netns exec ns1 route -n | cat -A
echo "=== ping ok"
ip netns exec ns1 ping -c3 -i0.2 10.10.20.2; echo "rc=$?"
echo "=== ping ttl 1"
ip netns exec ns1 ping -c2 -i0.2 -t1 10.10.20.2; echo "rc=$?"
echo "=== trace"
ip netns exec ns1 traceroute -n -I 10.10.20.2; echo "rc=$?"
echo "=== ping own addr"
ip netns exec ns1 ping -c1 10.10.10.2; echo "rc=$?"
echo "=== router no route"
ip -n ns1 route add 10.99.0.0/16 via 10.10.10.1
ip netns exec ns1 ping -c1 -W1 10.99.0.1; echo "rc=$?"
ip netns exec ns1 traceroute -n -I -w1 -m3 10.99.0.1; echo "rc=$?"
echo "=== arp fail"
ip netns exec ns1 ping -c1 -W5 10.10.10.77; echo "rc=$?"
ip netns exec ns1 ping -c1 -W1 10.10.10.77; echo "rc=$?"
echo "=== reject routes"
ip -n ns1 route add blackhole 10.9.9.0/24
ip -n ns1 route add unreachable 10.8.0.0/16
ip -n ns1 route add prohibit 10.7.0.0/16
ip -n ns1 route add 10.6.0.0/16 via 10.10.10.1 metric 100
ip -n ns1 route add default via 10.10.10.1
ip -n ns1 route | cat -A
ip netns exec ns1 route -n | cat -A
ip -n ns1 -j route ; echo
ip netns exec ns1 ping -c1 10.9.9.1; echo "rc=$?"
ip netns exec ns1 ping -c1 10.8.0.1; echo "rc=$?"
ip netns exec ns1 ping -c1 10.7.0.1; echo "rc=$?"
echo "=== router reject"
ip -n router route add unreachable 10.5.0.0/16
ip -n router route add prohibit 10.4.0.0/16
ip -n router route add blackhole 10.3.0.0/16
for d in 10.5.0.1 10.4.0.1 10.3.0.1; do ip netns exec ns1 ping -c1 -W1 $d; echo "rc=$?"; done
for d in 10.5.0.1 10.4.0.1; do ip netns exec ns1 traceroute -n -I -w1 -m3 $d; echo "rc=$?"; done
echo "=== errors"
ip -n ns1 route add 10.10.20.0/24 via 10.10.10.1
ip -n ns1 route add 10.50.0.0/24 via 10.20.0.1
ip -n ns1 addr add 10.10.10.2/24 dev v1
ip -n ns1 addr add 10.1.0.1/16 dev nosuch
ip -n ns1 route add 10.1.0.1/16 via 10.10.10.1
ip -n ns1 route add 10.51.0.0/24 via 10.10.10.1 dev nosuch
ip -n ns1 route add 10.52.0.0/24 via 10.10.10.1 src 10.10.10.99
ip -n ns1 route del 10.53.0.0/24
ip -n ns1 addr del 10.10.10.99/24 dev v1
ip -n ns1 link add v1 type veth peer name zz
ip -n ns1 link set nosuch up
ip netns add ns1
ip -n ns1 link add br0 type bridge; ip -n ns1 link set lo master br0
ip -n ns1 link set br0 master br0
echo "=== down"
ip -n ns1 link set v1 down; ip -n ns1 route | cat -A; ip -n ns1 route show table local | cat -A
ip -n ns1 link set v1 up; ip -n ns1 route | cat -A
ip -n router link set v2_r down; ip -n ns2 route | cat -A; ip -n ns2 link | cat -A; ip -n ns2 addr | cat -A
ip -n router link | cat -A
