#!/bin/bash
# A VLAN on a veth: this kernel has no 8021q, and the script falls back.
ip link add trunk0 type veth peer name trunk1
if ip link add link trunk0 name trunk0.10 type vlan id 10; then
  echo "vlan created"
else
  echo "no VLAN support, rc=$?"
fi
ip link add link trunk0 name trunk0.20 type vlan id 20 2>/dev/null || echo "again no VLAN"
ip link add dummy0 type dummy
echo "dummy: rc=$?"
ip link add link nosuch name x.5 type vlan id 5
echo "missing lower: rc=$?"
ip -o link | awk -F': ' '{print $2}'
ip link del trunk0
