#!/bin/bash
# Rules written to /tmp by the script itself and loaded from there, as a walkthrough does with a here-document:
# the file the tools read is the script's, in its own /tmp.
set -e
ip netns add gw
ip -n gw link set lo up
cat > /tmp/gw.nft <<'NFT'
table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		iifname "lo" accept
	}
}
NFT
ip netns exec gw nft -f /tmp/gw.nft
ip netns exec gw nft list chain inet filter input
printf '*filter\n:FORWARD DROP [0:0]\n-A FORWARD -s 10.82.0.0/24 -j ACCEPT\nCOMMIT\n' > /tmp/gw.v4
ip netns exec gw iptables-restore /tmp/gw.v4
ip netns exec gw iptables -S FORWARD
ip netns exec gw nft -f /tmp/missing.nft || echo "rc=$?"
ip netns del gw
