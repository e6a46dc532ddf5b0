#!/bin/bash
# A policy-routing tutorial's first look at the tables: a router with two subnets, a static route and a
# blackhole, listed with "table all" (main first, then local, whose routes say "table local") and "table 0",
# which is the same thing; the broadcast routes the kernel added are picked out with grep.
set -euo pipefail
sudo ip netns add rt
sudo ip -n rt link add v1 type veth peer name v2
sudo ip -n rt addr add 10.0.0.1/24 dev v1
sudo ip -n rt addr add 192.168.7.1/30 dev v2
sudo ip -n rt link set v1 up
sudo ip -n rt link set v2 up
sudo ip -n rt link set lo up
sudo ip -n rt route add 10.9.0.0/16 via 10.0.0.2
sudo ip -n rt route add blackhole 10.66.0.0/16
echo "== every IPv4 table"
sudo ip -n rt -4 route show table all
echo "== table 0, local routes only"
sudo ip -n rt -4 route list table 0 | grep "table local" | grep -c "^local"
echo "== broadcast routes"
sudo ip -n rt route show table all | grep -w broadcast
echo "== the local table by name"
sudo ip -n rt route show table local
sudo ip netns del rt
