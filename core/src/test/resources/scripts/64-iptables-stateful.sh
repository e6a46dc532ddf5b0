#!/bin/bash
# A stateful host firewall: INPUT drops by default, replies and loopback get in, and pings only from one network.
ip netns add host
ip netns add friend
ip netns add stranger
ip link add br0 netns host type bridge
ip -n host link set br0 up
ip -n host addr add 172.16.0.1/24 dev br0
ip -n host link set lo up
n=2
for peer in friend stranger; do
  ip link add p-$peer netns host type veth peer name eth0 netns $peer
  ip -n host link set p-$peer master br0
  ip -n host link set p-$peer up
  ip -n $peer addr add 172.16.0.$n/24 dev eth0
  ip -n $peer link set eth0 up
  n=$((n + 1))
done
ip netns exec host iptables -A INPUT -i lo -j ACCEPT
ip netns exec host iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
ip netns exec host iptables -A INPUT -s 172.16.0.2 -p icmp --icmp-type echo-request -j ACCEPT
ip netns exec host iptables -P INPUT DROP
ip netns exec friend ping -c2 -i0.2 -W1 172.16.0.1 | grep -E 'received'
ip netns exec stranger ping -c2 -i0.2 -W1 172.16.0.1 | grep -E 'received'
# the host may still ping out: the replies are ESTABLISHED
ip netns exec host ping -c1 -W1 172.16.0.3 | grep received
ip netns exec host ping -c1 -W1 127.0.0.1 | grep received
ip netns exec host iptables -L INPUT -v -n
ip netns exec host iptables -L INPUT
ip netns exec host iptables -S INPUT
ip netns exec host nft list table ip filter
