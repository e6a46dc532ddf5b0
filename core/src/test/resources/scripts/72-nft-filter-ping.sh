#!/bin/bash
# An inet table with an input policy of drop: pings are lost until a rule lets them in, and its counter counts them.
ip netns add srv
ip netns add cli
ip link add eth0 netns srv type veth peer name eth0 netns cli
ip -n srv addr add 192.168.50.1/24 dev eth0
ip -n cli addr add 192.168.50.2/24 dev eth0
ip -n srv link set eth0 up
ip -n cli link set eth0 up
ip netns exec srv nft add table inet fw
ip netns exec srv nft add chain inet fw input '{ type filter hook input priority 0; policy drop; }'
ip netns exec srv nft add rule inet fw input ct state established,related accept
ip netns exec cli ping -c1 -W1 192.168.50.1; echo "rc=$?"
ip netns exec srv nft add rule inet fw input ip saddr 192.168.50.0/24 icmp type echo-request counter accept
ip netns exec cli ping -c3 -i0.2 192.168.50.1 | grep -E 'transmitted'
ip netns exec srv nft list ruleset
ip netns exec srv nft flush chain inet fw input
ip netns exec cli ping -c1 -W1 192.168.50.1 | grep transmitted
ip netns exec srv nft list chain inet fw input
ip netns exec srv nft delete table inet fw
ip netns exec cli ping -c1 -W1 192.168.50.1 | grep transmitted
ip netns exec srv nft list ruleset
