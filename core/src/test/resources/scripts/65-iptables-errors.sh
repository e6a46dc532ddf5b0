#!/bin/bash
# iptables' common mistakes: the messages and exit statuses it gives
iptables -A NOPE -j ACCEPT; echo "rc=$?"
iptables -A INPUT -j NOPE; echo "rc=$?"
iptables -t foo -L; echo "rc=$?"
iptables --bogus; echo "rc=$?"
iptables -A INPUT -s 300.1.1.1 -j ACCEPT; echo "rc=$?"
iptables -A INPUT -p tcp --dport 22 -j ACCEPT
iptables -D INPUT -p tcp --dport 23 -j ACCEPT; echo "rc=$?"
iptables -D INPUT -p tcp --dport 22 -j ACCEPT; echo "rc=$?"
iptables -P INPUT FOO; echo "rc=$?"
iptables -N X; iptables -N X; echo "rc=$?"
iptables -A INPUT -j X
iptables -X X; echo "rc=$?"
iptables -F INPUT; iptables -X X; echo "rc=$?"
iptables -X Y; echo "rc=$?"
iptables -S INPUT; echo "rc=$?"
iptables -t nat -A FORWARD -j ACCEPT; echo "rc=$?"
iptables -A INPUT -j MASQUERADE; echo "rc=$?"
iptables -A INPUT --dport 80 -j ACCEPT; echo "rc=$?"
iptables -A INPUT -j accept; echo "rc=$?"
iptables; echo "rc=$?"
iptables -I INPUT 9 -j ACCEPT; echo "rc=$?"
iptables -D INPUT 3; echo "rc=$?"
iptables -A OUTPUT -d 10.9.9.9 -j DROP
iptables -S
nft list ruleset
