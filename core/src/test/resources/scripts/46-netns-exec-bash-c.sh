#!/bin/bash
# Several commands in one namespace through bash -c, and a here-document fed to bash.
ip netns add app
ip link add host0 type veth peer name app0
ip link set app0 netns app
ip addr add 10.100.0.1/30 dev host0
ip link set host0 up
ip netns exec app bash -c '
  ip link set lo up
  ip addr add 10.100.0.2/30 dev app0
  ip link set app0 up
  ip route add default via 10.100.0.1
  echo "inside: $(ip -4 -br addr show app0)"
'
ip netns exec app bash -c "ip route show; ping -c 1 -W 1 10.100.0.1 > /dev/null && echo reached host"
ip netns exec app bash <<'INNER'
for dev in lo app0; do
  ip -br link show "$dev"
done
INNER
ip netns exec app sh -c 'ip -4 route get 10.100.0.1'
ip netns del app
ip link show host0 2>&1 | head -1
