#!/bin/bash
# A "Linux bridge in five minutes" post: three namespaces on one bridge, then the listings it uses to check the
# wiring: the ports by master, by type (bridge_slave, veth, bridge), the links on no bridge, only those up, and the
# mistakes readers make (a bridge that does not exist, a type no link has).
set -u
BR=br-lab
sudo ip link add "$BR" type bridge
sudo ip addr add 172.16.50.1/24 dev "$BR"
for n in 1 2 3; do
  sudo ip netns add "blue$n"
  sudo ip link add "veth$n" type veth peer name eth0 netns "blue$n"
  sudo ip link set "veth$n" master "$BR"
  sudo ip -n "blue$n" addr add "172.16.50.1$n/24" dev eth0
  sudo ip -n "blue$n" link set eth0 up
done
sudo ip link set veth1 up
sudo ip link set veth2 up
sudo ip link set "$BR" up
echo "== the bridge's ports"
ip link show master "$BR"
echo "== the same, brief"
ip -br link show type bridge_slave
echo "== ports that are up"
ip -br link show master "$BR" up
echo "== veths, bridges"
ip -br link show type veth | wc -l
ip -br link show type bridge
echo "== on no bridge"
ip -br link show nomaster
echo "== addresses of the ports (none) and of the bridge"
ip addr show master "$BR"
ip -4 -br addr show type bridge
echo "== mistakes"
ip link show master br-nope; echo "exit $?"
ip link show type vlan; echo "exit $?"
ip link show master veth1; echo "exit $?"
for n in 1 2 3; do sudo ip netns del "blue$n"; done
sudo ip link del "$BR"
