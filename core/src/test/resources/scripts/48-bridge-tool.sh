#!/bin/bash
# An iproute2 bridge, inspected with bridge(8); VLAN filtering as this kernel allows it.
ip link add name br0 type bridge
ip link add tap1 type veth peer name tap1p
ip link add tap2 type veth peer name tap2p
ip link set tap1 master br0
ip link set tap2 master br0
bridge link
ip link set br0 up
ip link set tap1 up
ip link set tap1p up
bridge link show
bridge link show dev tap1
bridge link show dev nosuch
echo "rc=$?"
bridge vlan show
if ! bridge vlan add dev tap1 vid 10 2>/dev/null; then
  echo "no VLANs on this bridge"
fi
ip link set br0 type bridge vlan_filtering 1
echo "vlan_filtering: rc=$?"
ip link set br0 type bridge stp_state 1
brctl show br0 | awk 'NR == 2 {print $3}'
ip link set tap2 nomaster
bridge link | wc -l
ip link del br0
ip link del tap1
ip link del tap2
ip link show
