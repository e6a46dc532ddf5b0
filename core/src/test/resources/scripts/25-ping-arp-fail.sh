# nobody answers ARP
ip link add v1 type veth peer name v2
ip addr add 10.0.0.1/24 dev v1
ip link set v1 up
ip link set v2 up
ping -c1 -W1 10.0.0.77
echo "rc=$?"
