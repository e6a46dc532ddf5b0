#!/bin/bash
# Reading values back with $(...), awk, cut and arithmetic.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
for i in 1 2; do
  ip -n h$i addr add 172.16.0.$((i * 10))/24 dev eth0
  ip -n h$i link set eth0 up
done
addr=$(ip -n h2 -4 -o addr show dev eth0 | awk '{print $4}' | cut -d/ -f1)
echo "h2 has $addr"
mtu=$(ip -n h1 link show eth0 | awk '/mtu/ {for (i = 1; i <= NF; i++) if ($i == "mtu") print $(i + 1)}')
echo "mtu is $mtu, half is $((mtu / 2))"
state=$(ip -n h1 -br link show eth0 | awk '{print $2}')
echo "state: $state"
ip netns exec h1 ping -c 1 "$addr" | grep -o '1 received'
routes=$(ip -n h1 route | wc -l)
echo "h1 has $routes route(s)"
ip -n h1 link set eth0 mtu $((mtu - 100))
ip -n h1 link show eth0 | head -1 | grep -o 'mtu [0-9]*'
ip netns del h1; ip netns del h2
