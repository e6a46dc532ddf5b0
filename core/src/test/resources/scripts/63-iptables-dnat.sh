#!/bin/bash
# A service behind a router: the router's public address is DNAT'ed to the server inside.
ip netns add client
ip netns add router
ip netns add server
ip link add eth0 netns client type veth peer name pub netns router
ip link add eth0 netns server type veth peer name priv netns router
ip -n client addr add 198.51.100.2/24 dev eth0
ip -n router addr add 198.51.100.1/24 dev pub
ip -n router addr add 192.168.10.1/24 dev priv
ip -n server addr add 192.168.10.5/24 dev eth0
for ns in client router server; do ip -n $ns link set lo up; done
ip -n client link set eth0 up
ip -n server link set eth0 up
ip -n router link set pub up
ip -n router link set priv up
ip -n server route add default via 192.168.10.1
ip netns exec router sysctl -w net.ipv4.ip_forward=1
ip netns exec router iptables -t nat -A PREROUTING -i pub -d 198.51.100.1 -j DNAT --to-destination 192.168.10.5
ip netns exec router iptables -t nat -A PREROUTING -i pub -p tcp --dport 8080 -j DNAT --to-destination 192.168.10.5:80
ip netns exec client ping -c2 -i0.2 198.51.100.1
ip netns exec router iptables -t nat -L -n -v
ip netns exec router iptables -t nat -L PREROUTING
ip netns exec router iptables -t nat -S
ip netns exec router nft list ruleset
