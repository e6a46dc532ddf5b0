#!/bin/bash
# The firewall tools by any path and through sudo, each acting in the namespace it runs in.
ip netns add edge
sudo ip netns exec edge iptables -A INPUT -s 10.0.0.0/8 -j ACCEPT
ip netns exec edge /usr/sbin/iptables -A INPUT -s 172.16.0.0/12 -j ACCEPT
ip netns exec edge sudo /usr/sbin/nft add table inet mine
ip netns exec edge sh -c 'iptables -P INPUT DROP'
echo "-- edge"
ip netns exec edge iptables -S
ip netns exec edge nft list tables
echo "-- host"
iptables -S
nft list ruleset
sudo iptables -A OUTPUT -j ACCEPT
command -v iptables >/dev/null && echo found
/usr/sbin/iptables -S OUTPUT
printf '%s\n' INPUT OUTPUT | xargs -n1 iptables -S
