#!/bin/bash
# How iptables lists rules: names or numbers, counters, line numbers, and the rules as commands.
ip netns add box
ipt() { ip netns exec box iptables "$@"; }
ipt -A INPUT -p tcp --dport 22 -j ACCEPT
ipt -A INPUT -p tcp --dport 80 -s 192.0.2.0/24 -j ACCEPT
ipt -A INPUT -p udp --sport 53 --dport 1024:65535 -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports 80,443,8080 -j ACCEPT
ipt -A INPUT -p icmp --icmp-type echo-request -j ACCEPT
ipt -A INPUT ! -s 10.0.0.0/8 -i eth0 -j DROP
ipt -A INPUT -d 10.1.2.3/255.255.255.0 -j RETURN
ipt -A INPUT -p tcp -m conntrack --ctstate NEW --dport 25 -j REJECT --reject-with tcp-reset
ipt -A OUTPUT -o eth0 -p udp -j ACCEPT
ipt -A OUTPUT ! -o lo -d 192.0.2.1
ipt -L
ipt -L -n
ipt -L -v
ipt -L -n -v -x --line-numbers
ipt -L INPUT 2>&1 | head -3
ipt -S
ipt -S OUTPUT
ip netns exec box nft list ruleset
