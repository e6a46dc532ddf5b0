# ping own addresses and the loopback
ping -c1 127.0.0.1
ip link add v1 type veth peer name v2
ip addr add 10.0.0.1/24 dev v1
ping -c2 -i0.2 10.0.0.1
ping -c1 -W1 10.0.0.2
echo "rc=$?"
