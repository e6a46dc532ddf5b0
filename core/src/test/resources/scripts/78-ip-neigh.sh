#!/bin/bash
# The neighbour cache: what a ping taught both ends, entries added by hand, seen by ip neigh and arp -n.
set -e
ip netns add left
ip netns add right
ip link add l0 type veth peer name r0
ip link set l0 netns left
ip link set r0 netns right
ip -n left addr add 10.61.0.1/24 dev l0
ip -n right addr add 10.61.0.2/24 dev r0
ip -n left link set l0 up
ip -n right link set r0 up
echo "before any traffic: [$(ip -n left neigh show)]"
ip netns exec left ping -c 1 -W 1 10.61.0.2 > /dev/null
ip -n left neigh
ip -n left -4 neigh show dev l0
ip netns exec right arp -n
ip -n left neigh add 10.61.0.9 lladdr 02:00:00:00:00:09 dev l0
ip -n left neigh add 10.61.0.9 lladdr 02:00:00:00:00:09 dev l0 || echo "already there"
ip -n left neigh show 10.61.0.9
ip -n left neigh | sort
ip -n left neigh replace 10.61.0.9 lladdr 02:00:00:00:00:0a dev l0
ip -n left neigh show nud permanent
ip netns exec left arp -n 10.61.0.9
ip -n left neigh add 10.61.0.8 dev l0 || echo "no lladdr: $?"
ip -n left neigh del 10.61.0.9 dev l0
ip -n left neigh del 10.61.0.9 dev l0 || echo "gone already: $?"
ip -n left neigh show nud permanent
ip -n left neigh show dev nosuch || echo "rc=$?"
ip netns del left
ip netns del right
