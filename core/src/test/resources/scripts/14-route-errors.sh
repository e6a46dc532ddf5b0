# ip route refusals
ip link add v1 type veth peer name v2
ip link set v1 up
ip link set v2 up
ip addr add 10.0.0.1/24 dev v1
ip route add 10.1.0.0/16 via 10.0.0.2
ip route add 10.1.0.0/16 via 10.0.0.2
echo "rc=$?"
ip route add 10.5.0.0/16 via 10.9.0.1
echo "rc=$?"
ip route add 10.6.0.1/16 via 10.0.0.2
echo "rc=$?"
ip route add 10.7.0.0/16 via 10.0.0.2 dev nosuch
echo "rc=$?"
ip route add 10.8.0.0/16 via 10.0.0.2 src 10.0.0.99
echo "rc=$?"
ip route del 10.9.0.0/16
echo "rc=$?"
