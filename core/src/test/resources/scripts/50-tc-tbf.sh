#!/bin/bash
# Shaping a link with tbf; netem and fq_codel are not built into this kernel.
ip netns add shaper
ip link add s0 netns shaper type veth peer name s1 netns shaper
ip -n shaper link set s0 up
ip -n shaper link set s1 up
ip netns exec shaper tc qdisc show dev s0
ip netns exec shaper tc qdisc add dev s0 root netem delay 100ms
echo "netem: rc=$?"
ip netns exec shaper tc qdisc add dev s0 root fq_codel
echo "fq_codel: rc=$?"
ip netns exec shaper tc qdisc add dev s0 root tbf rate 1mbit burst 32kbit latency 400ms
ip netns exec shaper tc qdisc show dev s0
ip -n shaper link show s0 | head -1
ip netns exec shaper tc qdisc change dev s0 root tbf rate 2mbit burst 32kbit latency 400ms
ip netns exec shaper tc qdisc show dev s0
ip netns exec shaper tc qdisc add dev s0 root tbf rate 2mbit burst 32kbit latency 400ms
echo "second add: rc=$?"
ip netns exec shaper tc qdisc replace dev s0 root tbf rate 512kbit burst 1600 limit 3000
ip netns exec shaper tc qdisc show dev s0
ip netns exec shaper tc qdisc del dev s0 root
ip netns exec shaper tc qdisc del dev s0 root
echo "second del: rc=$?"
ip netns exec shaper tc qdisc add dev s1 root tbf rate 1mbit
echo "no burst: rc=$?"
ip netns exec shaper tc qdisc show
ip netns del shaper
