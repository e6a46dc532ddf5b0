#!/bin/bash
# Turning off checksum offload on a veth, as container tutorials do before capturing.
ip netns add c1
ip link add veth-host type veth peer name veth-c1
ip link set veth-c1 netns c1
ethtool -i veth-host
ethtool -K veth-host tx off
ip netns exec c1 ethtool -K veth-c1 rx off tx off
ip netns exec c1 ethtool -K veth-c1 tx off
echo "again: rc=$?"
ethtool veth-host | grep -E 'Speed|Duplex|Link detected'
ip link set veth-host up
ip -n c1 link set veth-c1 up
ethtool veth-host | tail -1
ethtool -i nosuch
echo "rc=$?"
ethtool lo
ip link add br9 type bridge
ethtool -i br9 | head -2
ip link del br9
ip netns del c1
