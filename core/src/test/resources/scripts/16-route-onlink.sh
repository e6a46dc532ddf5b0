# onlink skips the gateway check
ip link add v1 type veth peer name v2
ip link set v1 up
ip link set v2 up
ip route add 10.5.0.0/16 via 10.9.0.1 dev v1 onlink
ip route
route -n
