#!/bin/bash
# A ruleset loaded with nft -f from a file, then pinged through and listed.
here=$(dirname "$0")
ip netns add fw
ip netns add peer
ip link add eth0 netns fw type veth peer name eth0 netns peer
ip -n fw addr add 10.77.0.1/24 dev eth0
ip -n peer addr add 10.77.0.2/24 dev eth0
ip -n fw link set eth0 up
ip -n peer link set eth0 up
ip netns exec fw nft -f "$here/77-nft-file.nft"; echo "rc=$?"
ip netns exec peer ping -c2 -i0.2 10.77.0.1 | grep transmitted
ip netns exec fw nft list ruleset
ip netns exec fw nft -f "$here/77-nft-file.nft"
ip netns exec fw nft list chain inet filter input
ip netns exec fw iptables -L -n
