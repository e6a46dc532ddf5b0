#!/bin/bash
# Two IPv6 subnets joined by a router, and a learner who turns forwarding on interface by interface (as for IPv4's
# rp_filter) instead of through conf/all: the kernel forwards IPv6 by conf/all's switch alone, so nothing passes
# until it is on, and then even an interface whose own switch is off passes packets on.
set -u
sudo ip netns add left
sudo ip netns add router
sudo ip netns add right
# no duplicate address detection: the addresses are usable at once
for ns in left router right; do sudo ip netns exec $ns sysctl -qw net.ipv6.conf.default.accept_dad=0; done
sudo ip -n left link add eth0 type veth peer name r-left netns router
sudo ip -n right link add eth0 type veth peer name r-right netns router
sudo ip -n left addr add 2001:db8:1::10/64 dev eth0
sudo ip -n router addr add 2001:db8:1::1/64 dev r-left
sudo ip -n router addr add 2001:db8:2::1/64 dev r-right
sudo ip -n right addr add 2001:db8:2::20/64 dev eth0
for ns in left router right; do sudo ip -n $ns link set lo up; done
sudo ip -n left link set eth0 up
sudo ip -n right link set eth0 up
sudo ip -n router link set r-left up
sudo ip -n router link set r-right up
sudo ip -n left -6 route add default via 2001:db8:1::1
sudo ip -n right -6 route add default via 2001:db8:2::1

# each interface on, conf/all off
sudo ip netns exec router sysctl -w net.ipv6.conf.r-left.forwarding=1 net.ipv6.conf.r-right.forwarding=1
if sudo ip netns exec left ping -6 -c 1 -W 1 2001:db8:2::20 > /dev/null; then
  echo "left reaches right with conf/all off"
else
  echo "left cannot reach right with conf/all off"
fi

# conf/all on, then the ingress interface's own switch off again
sudo ip netns exec router sysctl -w net.ipv6.conf.all.forwarding=1
sudo ip netns exec router sysctl -w net.ipv6.conf.r-left.forwarding=0
sudo ip netns exec left ping -6 -c 2 -i 0.2 2001:db8:2::20 | grep -E 'transmitted|^64 bytes' | sed 's/time=.*//'

for ns in left router right; do sudo ip netns del $ns; done
