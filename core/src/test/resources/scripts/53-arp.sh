#!/bin/bash
# The ARP cache with net-tools: learned after a ping, a static entry, and deleting them.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.60.0.1/24 dev va
ip -n b addr add 10.60.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a arp -n
ip netns exec a ping -c 1 10.60.0.2 > /dev/null
ip netns exec a arp -n
ip netns exec b arp -n
ip netns exec a arp -s 10.60.0.50 02:42:ac:11:00:32
ip netns exec a arp -an | sort
ip netns exec a arp -n 10.60.0.50
ip netns exec a arp -d 10.60.0.50
ip netns exec a arp -d 10.60.0.50
echo "rc=$?"
ip netns exec a ping -c 1 -W 1 10.60.0.77 > /dev/null
echo "ping rc=$?"
ip netns exec a arp -n -i va | grep 10.60.0.77
ip netns exec a arp -s 10.99.0.1 02:00:00:00:00:01
echo "rc=$?"
ip netns exec a arp -s 10.60.0.9 not-a-mac
echo "rc=$?"
ip netns exec b arp -an
ip netns del a
ip netns del b
