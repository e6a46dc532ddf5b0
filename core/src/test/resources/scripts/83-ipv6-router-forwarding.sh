#!/bin/bash
# An IPv6 router as a walkthrough makes one: forwarding on for every interface at once through conf/all, then one
# interface (the management side) taken out again; the values read back show what conf/all did to the others.
set -euo pipefail
sudo ip netns add r6
sudo ip -n r6 link add lan0 type veth peer name lan1
sudo ip -n r6 link add mgmt0 type veth peer name mgmt1
sudo ip netns exec r6 sysctl -w net.ipv6.conf.all.forwarding=1
for dev in default lan0 lan1 mgmt0; do
  sudo ip netns exec r6 sysctl net.ipv6.conf.$dev.forwarding
done
sudo ip netns exec r6 sysctl -w net.ipv6.conf.mgmt0.forwarding=0
sudo ip netns exec r6 sysctl net.ipv6.conf.all.forwarding net.ipv6.conf.lan1.forwarding net.ipv6.conf.mgmt0.forwarding | grep -v lan1
sudo ip netns exec r6 sysctl -w net.ipv6.conf.all.forwarding=0
cat /proc/sys/net/ipv6/conf/default/forwarding
sudo ip netns exec r6 cat /proc/sys/net/ipv6/conf/lan0/forwarding
sudo ip netns del r6
