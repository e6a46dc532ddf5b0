#!/bin/bash
# Starting over: flush rules, delete chains, reset policies, as the usual "reset firewall" scripts do.
ip netns add r
ip netns add h
ip link add eth0 netns h type veth peer name eth0 netns r
ip -n h addr add 10.9.0.2/24 dev eth0
ip -n r addr add 10.9.0.1/24 dev eth0
ip -n h link set eth0 up
ip -n r link set eth0 up
ip netns exec r bash -c '
iptables -P INPUT DROP
iptables -N SSH
iptables -A SSH -p tcp --dport 22 -j ACCEPT
iptables -A INPUT -j SSH
iptables -A INPUT -p icmp -j DROP
'
ip netns exec h ping -c2 -i0.2 -W1 10.9.0.1 | grep transmitted
ip netns exec r iptables -vnL INPUT
ip netns exec r bash -c '
for t in filter nat; do
  iptables -t $t -F
  iptables -t $t -X
done
iptables -P INPUT ACCEPT
iptables -P FORWARD ACCEPT
iptables -P OUTPUT ACCEPT
'
ip netns exec h ping -c1 -W1 10.9.0.1 | grep transmitted
ip netns exec r iptables -vnL
ip netns exec r iptables -t nat -nL
ip netns exec r nft list ruleset
