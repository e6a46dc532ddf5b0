#!/bin/bash
# An IPv6 lab guide's first steps, and what `ip -6 addr` says meanwhile: addresses with and without nodad (the
# guide's "nodad saves you the wait"), before and after the links come up, a device with accept_dad 0, the wait
# for DAD (sleep 3), then the listings people use: -6 without and with a device, -br, -o, "show up", "scope ...",
# -f/-family, and a link taken down, which takes its IPv6 addresses with it. Link-local addresses are random (from
# MACs) and left to the masks.
set -uo pipefail
ip() { sudo ip "$@"; }
ip netns add left
ip netns add right
ip -n left link add eth0 type veth peer name eth0 netns right
ip -n left link add br0 type bridge
ip -n left link add p0 type veth peer name p1
ip -n left link set p0 master br0
echo "== nodad where it counts, and where it does not"
ip -n left addr add 2001:db8:a::1/64 dev eth0 nodad
ip -n left addr add 2001:db8:a::11/64 dev eth0
ip -n left addr add nodad 2001:db8:a::12/64 dev eth0
ip -n left -6 addr add nodad 2001:db8:a::13/64 dev eth0
ip -n left addr add 192.0.2.1/24 dev eth0 nodad
ip -n left addr add 2001:db8:b::1/64 dev br0
ip -n left addr add 2001:db8:c::1/64 dev p0 nodad
ip netns exec left sysctl -qw net.ipv6.conf.p1.accept_dad=0
ip -n left addr add 2001:db8:d::1/64 dev p1
ip -n right addr add 2001:db8:a::2/64 dev eth0
echo "== all down: tentative unless nodad"
ip -n left -6 addr show dev eth0
ip -n left -6 -o addr show dev p1
echo "== up: DAD runs"
for l in eth0 br0 p0 p1 lo; do ip -n left link set "$l" up; done
ip -n right link set eth0 up
ip -n left -6 addr
ip -n right -6 addr show dev eth0
echo "== three seconds later"
sleep 3
ip -n left -6 addr
ip -n right -6 -br addr
echo "== the views"
ip -n left -6 -o addr show scope global
ip -n left addr show scope host
ip -n left addr show up | grep -c "^[0-9]"
ip -n left -f inet6 addr show dev br0
ip -n left -family inet addr
ip -n left -f inet5 addr; echo "exit $?"
ip -n left addr show dev eth0 dev br0; echo "exit $?"
echo "== eth0 down, then up again"
ip -n left link set eth0 down
ip -n left -6 addr show dev eth0
ip -n left link set eth0 up
ip -n left -6 addr show dev eth0 | grep -c "scope global"
ip netns del left
ip netns del right
