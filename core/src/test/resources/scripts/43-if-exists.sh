#!/bin/bash
# Idempotent setup: only create what is not there yet, with if, [ ] and grep -q.
NS=lab
if ip netns list | grep -qw "$NS"; then
  echo "$NS already exists"
else
  echo "creating $NS"
  ip netns add "$NS"
fi
if ip netns list | grep -qw "$NS"; then
  echo "$NS already exists"
fi
if ! ip link show veth0 >/dev/null 2>&1; then
  echo "no veth0 yet"
  ip link add veth0 type veth peer name veth1
fi
[ -e /run/netns/$NS ] && echo "/run/netns/$NS is there"
[ -e /run/netns/other ] || echo "/run/netns/other is not"
ip link set veth1 netns "$NS"
count=$(ip -n "$NS" -o link | wc -l)
if [ "$count" -eq 2 ]; then
  echo "$NS has lo and veth1"
fi
if [[ $(ip -n "$NS" link show veth1) == *"state DOWN"* ]]; then
  echo "veth1 is down"
fi
ip netns delete "$NS"
ip link show veth0 2>&1 || echo "veth0 went with its peer"
