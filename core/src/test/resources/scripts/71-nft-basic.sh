#!/bin/bash
# nft's own commands: tables, chains and rules, listed whole or in part.
ip netns add n1
nft() { ip netns exec n1 nft "$@"; }
nft add table inet filter
nft add chain inet filter input '{ type filter hook input priority 0; policy accept; }'
nft add chain inet filter forward '{ type filter hook forward priority 0; policy drop; }'
nft add chain inet filter output '{ type filter hook output priority filter; }'
nft add rule inet filter input ct state established,related accept
nft add rule inet filter input iif lo accept
nft add rule inet filter input tcp dport 22 counter accept
nft add rule inet filter input ip saddr 10.0.0.0/8 icmp type echo-request accept
nft insert rule inet filter input ct state invalid drop
nft add table ip nat
nft add chain ip nat postrouting '{ type nat hook postrouting priority 100; }'
nft add chain ip nat prerouting '{ type nat hook prerouting priority -100; }'
nft add rule ip nat postrouting oifname "eth0" masquerade
nft add rule ip nat prerouting tcp dport 8080 dnat to 10.0.0.5:80
nft add table filter
nft list tables
nft list ruleset
nft list table inet filter
nft list chain inet filter input
nft list table ip filter
