#!/bin/bash
# Two namespaces joined by a veth pair, the way most blog posts do it: sudo on every line.
sudo ip netns add red
sudo ip netns add blue
sudo ip link add veth-red type veth peer name veth-blue
sudo ip link set veth-red netns red
sudo ip link set veth-blue netns blue
sudo ip netns exec red ip addr add 192.168.15.1/24 dev veth-red
sudo ip netns exec blue ip addr add 192.168.15.2/24 dev veth-blue
sudo ip netns exec red ip link set veth-red up
sudo ip netns exec blue ip link set veth-blue up
sudo ip netns exec red ip link set lo up
sudo ip netns exec red ping -c 3 192.168.15.2
sudo ip netns exec blue ping -c 2 -i 0.2 192.168.15.1
sudo ip netns exec red ip route
sudo ip netns exec blue ip -br addr
# clean up
sudo ip netns del red
sudo ip netns del blue
sudo ip netns list
