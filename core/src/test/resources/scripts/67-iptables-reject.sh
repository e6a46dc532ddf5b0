#!/bin/bash
# REJECT answers where DROP stays silent: ping sees the router's ICMP error.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a addr add 10.1.1.2/24 dev eth0
ip -n b addr add 10.2.2.2/24 dev eth0
ip -n r addr add 10.1.1.1/24 dev ra
ip -n r addr add 10.2.2.1/24 dev rb
for l in "a eth0" "b eth0" "r ra" "r rb"; do
  set -- $l
  ip -n $1 link set $2 up
done
ip -n a route add default via 10.1.1.1
ip -n b route add default via 10.2.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -A FORWARD -d 10.2.2.2 -p icmp -j REJECT
ip netns exec a ping -c1 -W1 10.2.2.2; echo "rc=$?"
ip netns exec r iptables -R FORWARD 1 -d 10.2.2.2 -p icmp -j REJECT --reject-with icmp-host-prohibited
ip netns exec a ping -c1 -W1 10.2.2.2; echo "rc=$?"
ip netns exec r iptables -A INPUT -p icmp -j REJECT --reject-with icmp-net-unreachable
ip netns exec a ping -c1 -W1 10.1.1.1; echo "rc=$?"
ip netns exec r iptables -L -n -v
ip netns exec r iptables -S
ip netns exec r nft list ruleset
