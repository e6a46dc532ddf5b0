# ip route add, del, replace
ip link add v1 type veth peer name v2
ip link set v1 up
ip link set v2 up
ip addr add 10.0.0.1/24 dev v1
ip route add 10.1.0.0/16 via 10.0.0.2
ip route add 10.2.0.0/16 via 10.0.0.2 metric 50
ip route add 10.3.0.0/16 dev v1
ip r a 10.4.0.0/16 via 10.0.0.3 dev v1 src 10.0.0.1
ip route
ip route replace 10.1.0.0/16 via 10.0.0.9
ip route del 10.3.0.0/16
ip route
ip -j route
