# addresses and their routes
ip link add v1 type veth peer name v2
ip addr add 10.0.0.1/24 dev v1
ip a a 10.0.1.1/24 dev v1
ip addr show dev v1
ip route
ip link set v1 up
ip link set v2 up
ip route
ip route show table local
