# default routes
ip link add v1 type veth peer name v2
ip link set v1 up
ip link set v2 up
ip addr add 192.168.1.2/24 dev v1
ip route add default via 192.168.1.1
ip route
route -n
ip route del default
ip route
