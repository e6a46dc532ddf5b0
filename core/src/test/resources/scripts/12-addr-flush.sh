# flush
ip link add v1 type veth peer name v2
ip link set v1 up
ip addr add 10.0.0.1/24 dev v1
ip addr add 10.0.5.1/24 dev v1
ip route
ip addr flush dev v1
ip route
ip -4 addr flush dev v1
