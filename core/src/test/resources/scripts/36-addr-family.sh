# ip -4 addr shows only links with IPv4 addresses, without their link/ether lines
ip netns add a
ip link add v1 type veth peer name v1p netns a
ip link add v2 type veth peer name v3
ip addr add 10.0.0.1/24 dev v1
ip addr add 10.0.2.1/24 dev v2
ip -4 addr
ip -4 addr show dev v1
ip -n a -4 addr
