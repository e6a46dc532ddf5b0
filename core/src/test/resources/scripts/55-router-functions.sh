#!/bin/bash
# A router between two subnets, built with functions and loops; forwarding with sysctl.
set -eo pipefail

add_host() {  # name address gateway
  ip netns add "$1"
  ip link add "$1-eth0" netns "$1" type veth peer name "r-$1" netns router
  ip -n "$1" addr add "$2" dev "$1-eth0"
  ip -n "$1" link set "$1-eth0" up
  ip -n "$1" link set lo up
  ip -n "$1" route add default via "$3"
}

ip netns add router
ip -n router link set lo up
add_host client 10.1.1.10/24 10.1.1.1
add_host server 10.2.2.20/24 10.2.2.1
ip -n router addr add 10.1.1.1/24 dev r-client
ip -n router addr add 10.2.2.1/24 dev r-server
for dev in r-client r-server; do ip -n router link set "$dev" up; done

ip netns exec client ping -c 1 -W 1 10.2.2.20 || echo "no forwarding yet"
ip netns exec router sysctl -w net.ipv4.ip_forward=1
ip netns exec client ping -c 2 10.2.2.20
ip netns exec client traceroute -n 10.2.2.20
ip -n router route show
ip netns exec router sysctl net.ipv4.ip_forward
for ns in client server router; do ip netns del "$ns"; done
