#!/bin/bash
# Masquerading with nft: a private network behind a router reaches a public one.
ip netns add priv
ip netns add rtr
ip netns add pub
ip link add eth0 netns priv type veth peer name in0 netns rtr
ip link add eth0 netns pub type veth peer name out0 netns rtr
ip -n priv addr add 192.168.1.10/24 dev eth0
ip -n rtr addr add 192.168.1.1/24 dev in0
ip -n rtr addr add 100.64.0.1/24 dev out0
ip -n pub addr add 100.64.0.20/24 dev eth0
ip -n priv link set eth0 up; ip -n pub link set eth0 up
ip -n rtr link set in0 up; ip -n rtr link set out0 up
ip -n priv route add default via 192.168.1.1
ip netns exec rtr sysctl -qw net.ipv4.ip_forward=1
ip netns exec priv ping -c1 -W1 100.64.0.20 | grep transmitted
ip netns exec rtr nft add table ip nat
ip netns exec rtr nft add chain ip nat postrouting '{ type nat hook postrouting priority srcnat; policy accept; }'
ip netns exec rtr nft add rule ip nat postrouting ip saddr 192.168.1.0/24 oifname out0 counter masquerade
ip netns exec priv ping -c2 -i0.2 100.64.0.20
ip netns exec rtr nft list ruleset
ip netns exec rtr iptables -t nat -L -n -v
