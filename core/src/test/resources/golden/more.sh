mk() { # fresh seed lab with forwarding on, routes both ways
for n in ns1 router ns2; do ip netns del $n 2>/dev/null; ip netns add $n; done
ip -n ns1 link add v1 type veth peer name v1_r netns router
ip -n ns2 link add v2 type veth peer name v2_r netns router
ip -n ns1 addr add 10.10.10.2/24 dev v1
ip -n router addr add 10.10.10.1/24 dev v1_r
ip -n ns2 addr add 10.10.20.2/24 dev v2
ip -n router addr add 10.10.20.1/24 dev v2_r
for n in ns1 router ns2; do ip -n $n link set lo up; done
ip -n ns1 link set v1 up; ip -n router link set v1_r up; ip -n router link set v2_r up; ip -n ns2 link set v2 up
ip netns exec router sysctl -qw net.ipv4.ip_forward=1
ip -n ns1 route add default via 10.10.10.1
ip -n ns2 route add 10.10.10.0/24 via 10.10.20.1
}
echo "=== A fresh: router no route ping"; mk
ip netns exec ns1 ping -c2 -i0.3 -W1 10.99.0.1; echo "rc=$?"
echo "=== B fresh: router no route trace"; mk
ip netns exec ns1 traceroute -n -I -w1 -m3 10.99.0.1; echo "rc=$?"
echo "=== C fresh: router unreachable route trace"; mk
ip -n router route add unreachable 10.5.0.0/16
ip netns exec ns1 traceroute -n -I -w1 -m3 10.5.0.1; echo "rc=$?"
echo "=== D fresh: router prohibit trace"; mk
ip -n router route add prohibit 10.4.0.0/16
ip netns exec ns1 traceroute -n -I -w1 -m3 10.4.0.1; echo "rc=$?"
echo "=== E fresh: trace to ns2 ok, default"; mk
ip netns exec ns1 traceroute -n -I 10.10.20.2; echo "rc=$?"
echo "=== F trace no return route"; mk
ip -n ns2 route del 10.10.10.0/24 via 10.10.20.1
ip netns exec ns1 traceroute -n -I -w1 -m4 10.10.20.2; echo "rc=$?"
ip netns exec ns1 ping -c2 -i0.3 -W1 10.10.20.2; echo "rc=$?"
echo "=== G forwarding off"; mk
ip netns exec router sysctl -qw net.ipv4.ip_forward=0
ip netns exec ns1 ping -c1 -W1 10.10.20.2; echo "rc=$?"
ip netns exec ns1 ping -c1 -W1 10.10.20.1; echo "rc=$?"
echo "=== H lo down self"; mk
ip -n ns1 link set lo down
ip netns exec ns1 ping -c1 -W1 10.10.10.2; echo "rc=$?"
ip -n ns1 route show table local
ip netns exec ns1 ping -c1 -W1 127.0.0.1; echo "rc=$?"
echo "=== I ping router far side ttl"; mk
ip netns exec ns1 ping -c1 10.10.20.1; echo "rc=$?"
echo "=== J ping ns2 with -t 1 and ttl 2"; mk
ip netns exec ns1 ping -c1 -t2 10.10.20.2; echo "rc=$?"
echo "=== K new ns sysctls"
ip netns add fresh
ip netns exec fresh sysctl net.ipv4.ip_forward net.ipv4.conf.all.forwarding net.ipv4.conf.default.forwarding net.ipv4.conf.all.rp_filter net.ipv4.conf.default.rp_filter net.ipv4.conf.lo.rp_filter net.ipv4.conf.all.send_redirects net.ipv4.conf.default.send_redirects net.ipv4.ip_default_ttl net.ipv4.conf.all.accept_local net.ipv4.conf.all.proxy_arp net.ipv6.conf.all.forwarding
ip -n fresh link; ip -n fresh addr; ip -n fresh route show table local; echo "---"
ip -n fresh link set lo up; ip -n fresh -4 route show table local; ip -n fresh -6 route show table local; ip -n fresh -6 route
echo "=== L bridge"
for n in sw h1 h2; do ip netns add $n; done
ip -n h1 link add eth0 type veth peer name p1 netns sw
ip -n h2 link add eth0 type veth peer name p2 netns sw
ip -n sw link add br0 type bridge
ip -n sw link set p1 master br0; ip -n sw link set p2 master br0
ip -n h1 addr add 10.0.0.1/24 dev eth0; ip -n h2 addr add 10.0.0.2/24 dev eth0; ip -n sw addr add 10.0.0.254/24 dev br0
for n in sw h1 h2; do ip -n $n link set lo up; done
ip -n sw link set br0 up; ip -n sw link set p1 up; ip -n sw link set p2 up; ip -n h1 link set eth0 up; ip -n h2 link set eth0 up
sleep 0.1
ip -n sw link; ip -n sw addr; ip -n sw route; ip -n sw -j link; echo
ip netns exec h1 ping -c1 10.0.0.2; echo "rc=$?"
ip netns exec h1 ping -c1 10.0.0.254; echo "rc=$?"
ip -n sw link set br0 down; ip -n sw link | grep -A1 'p1\|br0'
ip -n sw link set br0 up; 
echo "=== M ipv6"
ip -n h1 addr add fd00:1::1/64 dev eth0 nodad; ip -n h2 addr add fd00:1::2/64 dev eth0 nodad
ip -n h1 -6 route; ip -n h1 addr show dev eth0
ip netns exec h1 ping -c1 fd00:1::2; echo "rc=$?"
ip netns exec h1 ping -c1 fd00:9::2; echo "rc=$?"
