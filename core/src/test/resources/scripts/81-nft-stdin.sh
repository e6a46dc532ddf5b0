#!/bin/bash
# An nftables ruleset piped into nft -f - from a here-document, as blog posts load one,
# then changed with a one-line echo and listed.
set -e
ip netns add web
ip netns add client
ip link add veth0 netns web type veth peer name veth0 netns client
ip -n web addr add 10.81.0.1/24 dev veth0
ip -n client addr add 10.81.0.2/24 dev veth0
ip -n web link set veth0 up
ip -n client link set veth0 up

ip netns exec web nft -f - <<'EOF_RULES'
flush ruleset
table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		iif "lo" accept
		ct state established,related accept
		icmp type echo-request accept
	}
}
EOF_RULES
echo "loaded: rc=$?"
ip netns exec client ping -c 1 -W 1 10.81.0.1 | grep -E 'transmitted'

echo 'add rule inet filter input tcp dport 80 accept' | ip netns exec web nft -f -
ip netns exec web nft list chain inet filter input

ip netns exec client ping -c 1 -W 1 10.81.0.1 > /dev/null && echo "client reaches web"
ip netns del client
ip netns del web
