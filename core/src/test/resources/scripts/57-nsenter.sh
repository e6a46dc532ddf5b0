#!/bin/bash
# nsenter into a named namespace by its file, as container walkthroughs do.
ip netns add box
ip link add b0 type veth peer name b1
ip link set b1 netns box
ip link set b0 up
nsenter --net=/run/netns/box ip link set b1 up
nsenter --net=/run/netns/box ip addr add 10.33.0.2/24 dev b1
nsenter --net=/run/netns/box ip -br addr show b1
sudo nsenter --net=/var/run/netns/box ip -4 route
nsenter --net=/run/netns/missing ip link
echo "rc=$?"
ip netns identify
ip netns exec box ip netns identify
ip netns del box
