#!/bin/bash
# User chains: a chain per direction, reached by jumps, left by RETURN, listed with their references.
ip netns add fw
ip netns exec fw bash -c '
iptables -N LOG_DROP
iptables -N from-lan
iptables -A from-lan -s 10.10.0.0/16 -j RETURN
iptables -A from-lan -j LOG_DROP
iptables -A LOG_DROP -j DROP
iptables -A INPUT -i eth1 -j from-lan
iptables -A FORWARD -i eth1 -j from-lan
iptables -A FORWARD -o eth1 -j ACCEPT
iptables -L
iptables -L -n --line-numbers
iptables -S
iptables -X from-lan; echo "rc=$?"
iptables -F
iptables -X
iptables -L -n
nft list ruleset
'
