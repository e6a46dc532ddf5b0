#!/bin/bash
# A LAN namespace behind the host, masqueraded out of the "uplink"; FORWARD drops all but the LAN's
# outgoing traffic and the replies.
ip netns add lan
ip netns add wan
ip link add gw0 type veth peer name eth0 netns lan
ip link add gw1 type veth peer name eth0 netns wan
ip addr add 10.0.0.1/24 dev gw0
ip addr add 203.0.113.1/24 dev gw1
ip link set gw0 up
ip link set gw1 up
ip -n lan addr add 10.0.0.2/24 dev eth0
ip -n lan link set eth0 up
ip -n lan route add default via 10.0.0.1
ip -n wan addr add 203.0.113.2/24 dev eth0
ip -n wan link set eth0 up
sysctl -w net.ipv4.ip_forward=1
# without NAT the far side has no way back
ip netns exec lan ping -c1 -W1 203.0.113.2; echo "rc=$?"
iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o gw1 -j MASQUERADE
iptables -P FORWARD DROP
iptables -A FORWARD -i gw0 -o gw1 -j ACCEPT
iptables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec lan ping -c2 -i0.2 203.0.113.2; echo "rc=$?"
# the far side cannot start a connection into the LAN, even with a route
ip -n wan route add 10.0.0.0/24 via 203.0.113.1
ip netns exec wan ping -c1 -W1 10.0.0.2; echo "rc=$?"
iptables -L -n -v --line-numbers
iptables -t nat -L -n -v
iptables -x -v -n -L FORWARD
iptables -nvL POSTROUTING -t nat
nft list ruleset
iptables -S
iptables -t nat -S
