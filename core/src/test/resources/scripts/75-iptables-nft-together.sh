#!/bin/bash
# iptables-nft and nft side by side: iptables' tables next to nft's own, SNAT to a fixed address.
ip netns add gw
ip netns exec gw nft add table inet own
ip netns exec gw nft add chain inet own input '{ type filter hook input priority -10; }'
ip netns exec gw nft add rule inet own input udp dport 53 accept
ip netns exec gw iptables -t nat -A POSTROUTING -o wan0 -s 10.8.0.0/16 -j SNAT --to-source 198.51.100.7
ip netns exec gw iptables -t nat -A POSTROUTING -o wan1 -j SNAT --to-source 198.51.100.8:1024
ip netns exec gw iptables -A INPUT -p udp --dport 53 -j ACCEPT
ip netns exec gw nft list ruleset
ip netns exec gw iptables -t nat -S POSTROUTING
ip netns exec gw iptables -t nat -L POSTROUTING -n --line-numbers
ip netns exec gw nft list tables
ip netns exec gw nft flush table ip nat
ip netns exec gw iptables -t nat -S
ip netns exec gw nft delete table ip filter
ip netns exec gw iptables -L INPUT -n
ip netns exec gw nft list ruleset
