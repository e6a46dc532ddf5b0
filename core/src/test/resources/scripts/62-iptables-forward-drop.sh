#!/bin/bash
# A router between three networks with FORWARD DROP and a few ACCEPT rules, edited by number.
set -u
ip netns add r
for n in a b c; do
  ip netns add $n
done
i=1
for n in a b c; do
  ip link add r-$n netns r type veth peer name eth0 netns $n
  ip -n r addr add 10.$i.0.1/24 dev r-$n
  ip -n r link set r-$n up
  ip -n $n addr add 10.$i.0.2/24 dev eth0
  ip -n $n link set eth0 up
  ip -n $n route add default via 10.$i.0.1
  i=$((i + 1))
done
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -P FORWARD DROP
ip netns exec r iptables -A FORWARD -s 10.1.0.0/24 -d 10.2.0.0/24 -j ACCEPT
ip netns exec r iptables -A FORWARD -s 10.2.0.0/24 -d 10.1.0.0/24 -j ACCEPT
ip netns exec r iptables -A FORWARD -i r-c -j ACCEPT
ip netns exec r iptables -L FORWARD --line-numbers -n
for dst in 10.2.0.2 10.3.0.2; do
  ip netns exec a ping -c1 -W1 $dst | grep -E 'transmitted'
done
ip netns exec c ping -c1 -W1 10.1.0.2 | grep transmitted
ip netns exec r iptables -I FORWARD 2 -s 10.1.0.0/24 -d 10.3.0.0/24 -j ACCEPT
ip netns exec r iptables -I FORWARD -o r-c -j ACCEPT
ip netns exec r iptables -D FORWARD 4
ip netns exec r iptables -D FORWARD -s 10.1.0.0/24 -d 10.3.0.0/24 -j ACCEPT
ip netns exec r iptables -L FORWARD --line-numbers -n -v
ip netns exec a ping -c2 -i0.2 -W1 10.3.0.2 | grep transmitted
ip netns exec r iptables -nvL FORWARD
ip netns exec r iptables -S FORWARD
# the host's own ruleset is untouched
iptables -S
nft list ruleset
