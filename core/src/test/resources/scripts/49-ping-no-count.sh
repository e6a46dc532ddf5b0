#!/bin/bash
# ping without -c, as typed at a terminal and stopped with Ctrl-C.
ip netns add left
ip netns add right
ip link add l0 netns left type veth peer name r0 netns right
ip -n left addr add 192.168.77.1/24 dev l0
ip -n right addr add 192.168.77.2/24 dev r0
ip -n left link set l0 up
ip -n right link set r0 up
ip netns exec left ping 192.168.77.2
echo "ping ended with $?"
ip netns exec right ping -i 0.5 192.168.77.9
echo "unanswered ping ended with $?"
ip -all netns delete
ip netns
