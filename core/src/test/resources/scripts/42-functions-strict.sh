#!/usr/bin/env bash
# A setup script with functions, strict mode and a teardown function.
set -euo pipefail

readonly PREFIX=10.20.30
NAMESPACES=(ns1 ns2)

create_ns() {
  local name=$1
  ip netns add "$name"
  ip -n "$name" link set lo up
  echo "created $name"
}

connect() {
  local a=$1 b=$2 ia=$3 ib=$4
  ip link add "veth-$a" netns "$a" type veth peer name "veth-$b" netns "$b"
  ip -n "$a" addr add "$PREFIX.$ia/24" dev "veth-$a"
  ip -n "$b" addr add "$PREFIX.$ib/24" dev "veth-$b"
  ip -n "$a" link set "veth-$a" up
  ip -n "$b" link set "veth-$b" up
}

teardown() {
  for ns in "${NAMESPACES[@]}"; do
    ip netns del "$ns" 2>/dev/null || true
  done
  echo "torn down"
}

for ns in "${NAMESPACES[@]}"; do
  create_ns "$ns"
done
connect ns1 ns2 1 2
ip netns exec ns1 ping -c 2 -W 1 "$PREFIX.2"
ip -n ns2 -4 addr show dev veth-ns2
teardown
