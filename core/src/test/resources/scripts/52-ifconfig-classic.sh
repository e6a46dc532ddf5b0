#!/bin/bash
# The net-tools way: ifconfig and route instead of ip.
ip netns add pc1
ip netns add pc2
ip link add pc1-eth0 type veth peer name pc2-eth0
ip link set pc1-eth0 netns pc1
ip link set pc2-eth0 netns pc2
ip netns exec pc1 ifconfig pc1-eth0 192.168.10.1 netmask 255.255.255.0 up
ip netns exec pc2 ifconfig pc2-eth0 192.168.10.2/24 up
ip netns exec pc1 ifconfig lo up
ip netns exec pc1 ifconfig pc1-eth0
ip netns exec pc2 ifconfig
ip netns exec pc1 route -n
ip netns exec pc1 ping -c 2 192.168.10.2
ip netns exec pc2 ifconfig pc2-eth0 mtu 1400
ip netns exec pc2 ifconfig pc2-eth0 | head -2
ip netns exec pc2 ifconfig pc2-eth0 10.0.0.2
ip netns exec pc2 ip -4 addr show dev pc2-eth0
ip netns exec pc2 ifconfig pc2-eth0 netmask 255.255.255.128
ip netns exec pc2 ifconfig pc2-eth0 | grep inet
ip netns exec pc2 ifconfig pc2-eth0 down
ip netns exec pc2 ifconfig | grep -c flags
ip netns exec pc2 ifconfig -a | grep flags
ip netns exec pc1 ifconfig nosuch
echo "rc=$?"
ip netns del pc1
ip netns del pc2
