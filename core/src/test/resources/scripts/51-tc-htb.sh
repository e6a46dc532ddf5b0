#!/bin/bash
# An htb root with classes, as traffic-control tutorials start; pfifo and pfifo_fast roots.
set -u
DEV=eth0
ip netns add qos
ip -n qos link add $DEV type veth peer name peer0
# left down while the classes are made: a link that is up sends IPv6's own packets, which htb counts
ip -n qos link set peer0 up
run() { ip netns exec qos "$@"; }
run tc qdisc add dev $DEV root handle 1: htb default 20
run tc class add dev $DEV parent 1: classid 1:1 htb rate 10mbit
run tc class add dev $DEV parent 1:1 classid 1:10 htb rate 5mbit ceil 10mbit
run tc class add dev $DEV parent 1:1 classid 1:20 htb rate 1mbit ceil 10mbit
run tc qdisc show dev $DEV
run tc qdisc del dev $DEV root
run tc qdisc add dev $DEV root pfifo limit 50
run tc qdisc show dev $DEV
run tc qdisc replace dev $DEV root pfifo_fast
run tc qdisc show dev $DEV
run tc qdisc add dev peer0 ingress
run tc qdisc show dev peer0
run tc qdisc del dev peer0 ingress
run tc qdisc show | sort
ip netns delete qos
