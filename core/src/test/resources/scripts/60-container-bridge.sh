#!/bin/bash
# Docker-like: a bridge with the gateway address in the root namespace, two "containers" behind it.
set -euo pipefail
BRIDGE=nslab0
SUBNET=172.30.0
ip link add name $BRIDGE type bridge
ip addr add $SUBNET.1/24 dev $BRIDGE
ip link set $BRIDGE up

start_container() {
  local name=$1 ip=$2
  ip netns add "$name"
  ip link add "veth-$name" type veth peer name eth0 netns "$name"
  ip link set "veth-$name" master $BRIDGE
  ip link set "veth-$name" up
  ip -n "$name" addr add "$ip/24" dev eth0
  ip -n "$name" link set eth0 up
  ip -n "$name" link set lo up
  ip -n "$name" route add default via $SUBNET.1
}

start_container web $SUBNET.10
start_container db $SUBNET.20
ip netns exec web ping -c 1 $SUBNET.20 | grep -E 'received|bytes from'
ip netns exec db ping -c 1 $SUBNET.1 | grep -c 'bytes from'
bridge link | awk '{print $2, $NF, $(NF-4)}'
ip -br -4 addr show dev $BRIDGE
ip netns exec web ip route
ip netns exec web arp -n | tail -n +2 | wc -l
# the host ends first: a deleted namespace takes its veth ends with it only a moment later
ip link del veth-web
ip link del veth-db
ip netns del web
ip netns del db
ip link del $BRIDGE
ip -br link
