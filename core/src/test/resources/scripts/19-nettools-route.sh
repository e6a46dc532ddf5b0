# net-tools route add/del
ip link add v1 type veth peer name v2
ip link set v1 up
ip link set v2 up
ip addr add 10.0.0.1/24 dev v1
route add -net 10.7.0.0 netmask 255.255.0.0 gw 10.0.0.9
route add -host 10.6.0.1 gw 10.0.0.9
route add -net 10.5.0.0 netmask 255.255.0.0 dev v1
route add default gw 10.0.0.254
route -n
ip route
route del -net 10.7.0.0 netmask 255.255.0.0
route -n
