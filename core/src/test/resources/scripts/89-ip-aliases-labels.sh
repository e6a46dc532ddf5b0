#!/bin/bash
# An old-school "IP aliases" how-to, done with ip: a web server's namespace gets extra addresses labelled eth0:1,
# eth0:web (as ifconfig's alias devices were named), with explicit lifetimes, then lists and removes them by label.
set -u
NS=web
sudo ip netns add $NS
sudo ip -n $NS link add eth0 type veth peer name uplink
sudo ip -n $NS link set eth0 up
sudo ip -n $NS addr add 192.168.100.10/24 dev eth0
sudo ip -n $NS addr add 192.168.100.11/24 dev eth0 label eth0:1
sudo ip -n $NS addr add 192.168.200.10/24 brd + dev eth0 label eth0:web valid_lft forever preferred_lft forever
echo "== the aliases"
sudo ip -n $NS addr show dev eth0 | grep -w inet
sudo ip -n $NS -4 -o addr show dev eth0 | sed 's/\\.*//' | awk '{print $4, $NF}'
echo "== by label"
sudo ip -n $NS addr show label eth0:1
sudo ip -n $NS -4 addr show label 'eth0:*' | grep -c inet
echo "== mistakes"
sudo ip -n $NS addr add 192.168.100.12/24 dev eth0 label eth0:far-too-long-a-label; echo "exit $?"
sudo ip -n $NS addr add 192.168.100.13/24 dev eth0 valid_lft 3600; echo "exit $?"
sudo ip -n $NS addr add 192.168.100.14/24 dev eth0 valid_lft soon; echo "exit $?"
echo "== the first alias goes"
sudo ip -n $NS addr del 192.168.100.11/24 dev eth0
sudo ip -n $NS -4 addr show dev eth0
sudo ip netns del $NS
