# ip route get
ip link add v1 type veth peer name v2
ip link set v1 up
ip link set v2 up
ip addr add 10.0.0.1/24 dev v1
ip route add 10.1.0.0/16 via 10.0.0.2
ip route get 10.0.0.5
ip route get 10.1.2.3
ip route get 10.0.0.1
ip route get 10.99.0.1
echo "rc=$?"
