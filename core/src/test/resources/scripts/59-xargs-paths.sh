#!/bin/bash
# The tools under their full paths, from xargs and from timeout.
for n in n1 n2 n3; do /usr/sbin/ip netns add $n; done
ip netns list | awk '{print $1}' | sort
ip netns list | awk '{print $1}' | xargs -I{} ip -n {} link set lo up
ip netns list | awk '{print $1}' | sort | xargs -n1 -I{} sh -c 'ip -n {} -br link show lo'
timeout 10 ip netns exec n1 ip -4 addr
/sbin/ip -n n2 link add d0 type veth peer name d1
env ip -n n2 -br link | sort
ip netns list | awk '{print $1}' | xargs -n1 ip netns delete
ip netns list | wc -l
