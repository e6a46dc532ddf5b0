#!/bin/bash
# Output thrown away, errors kept or hidden, and files written in /tmp.
ip netns add quiet >/dev/null
ip netns add quiet 2>/dev/null || echo "second add hidden, rc=$?"
ip netns add quiet &> /dev/null
echo "after &>: $?"
ip link add a0 type veth peer name b0 > /tmp/out.txt 2>&1
echo "bytes written: $(wc -c < /tmp/out.txt)"
ip link show a0 > /tmp/link.txt
grep -c ": a0@" /tmp/link.txt   # (a0 alone may be in the random MAC too)
ip link show nosuch 2> /tmp/err.txt
cat /tmp/err.txt
ip addr add 10.9.0.1/24 dev a0 2>&1 | tee /tmp/tee.txt
ip -4 addr show dev a0 | grep inet >> /tmp/tee.txt
cat /tmp/tee.txt
{ ip netns list; ip link show b0 | head -1; } > /tmp/both.txt
cat /tmp/both.txt
ip link del a0
ip netns del quiet
