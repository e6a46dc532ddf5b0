# net-tools refusals
ip link add v1 type veth peer name v2
ip link set v1 up
ip link set v2 up
ip addr add 10.0.0.1/24 dev v1
route add -net 10.8.0.0 netmask 255.255.0.0 gw 10.9.9.9
echo "rc=$?"
route del -net 10.7.0.0 netmask 255.255.0.0
echo "rc=$?"
route add -net 10.7.0.0 netmask 255.255.0.0 gw 10.0.0.9
route add -net 10.7.0.0 netmask 255.255.0.0 gw 10.0.0.9
echo "rc=$?"
