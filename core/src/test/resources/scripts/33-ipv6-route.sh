# -4 and -6 (links down, so no fe80::/64 routes, which the simulator does not model)
ip link add v1 type veth peer name v2
ip addr add 10.0.0.1/24 dev v1
ip -4 route
ip -6 route add 2001:db8:1::/64 dev v1
ip -6 route show table main
