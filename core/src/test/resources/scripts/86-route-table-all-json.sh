#!/bin/bash
# A monitoring how-to reads the routing tables as JSON and picks them apart with jq: every table of a namespace with
# "ip -j route show table all" (main first, then local, whose routes carry "table": "local"), per family, and "table 0".
# The second veth end stays down, so no IPv6 link-local address appears; IPv6 has only ::1.
set -euo pipefail
ns=mon
sudo ip netns add "$ns"
sudo ip -n "$ns" link set lo up
sudo ip -n "$ns" link add wan0 type veth peer name wan1
sudo ip -n "$ns" addr add 198.51.100.10/24 dev wan0
sudo ip -n "$ns" link set wan0 up
sudo ip -n "$ns" route add 203.0.113.0/24 via 198.51.100.1 dev wan0 onlink
echo "== all tables, both families"
sudo ip -n "$ns" -j route show table all
echo "== IPv4 only, one route a line"
sudo ip -n "$ns" -4 -j route show table all | jq -c '.[]'
echo "== IPv6 only"
sudo ip -n "$ns" -6 -j route show table all | jq -r '.[] | "\(.type // "unicast") \(.dst) \(.table // "main") metric \(.metric)"'
echo "== the local table's destinations, by table 0"
sudo ip -n "$ns" -j route show table 0 | jq -r '.[] | select(.table == "local") | .dst'
echo "== how many routes the main table has"
sudo ip -n "$ns" -j -4 route show table all | jq '[.[] | select(has("table") | not)] | length'
echo "== the local table named: no \"table\" key"
sudo ip -n "$ns" -j route show table local | jq -r '.[0] | keys_unsorted | join(",")'
sudo ip netns del "$ns"
