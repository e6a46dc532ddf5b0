#!/bin/bash
# ip6tables: the same commands, an ip6 table next to iptables' ip one.
ip netns add one
ip netns add two
ip link add eth0 netns one type veth peer name eth0 netns two
ip -n one addr add fd00:1::1/64 dev eth0
ip -n two addr add fd00:1::2/64 dev eth0
ip -n one link set eth0 up
ip -n two link set eth0 up
ip netns exec two ip6tables -A INPUT -s fd00:1::1 -p ipv6-icmp -j DROP
ip netns exec two ip6tables -A INPUT -p tcp --dport 22 -j ACCEPT
ip netns exec two ip6tables -A INPUT -s fd00::/16 -j REJECT
ip netns exec two ip6tables -S
ip netns exec two ip6tables -L -n -v
ip netns exec two ip6tables -L
ip netns exec two iptables -A INPUT -s 10.0.0.0/8 -j DROP
ip netns exec two iptables -S
ip netns exec two nft list ruleset
