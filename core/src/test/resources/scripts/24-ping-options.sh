# ping -s -t -I
ip netns add a
ip link add v1 type veth peer name v1p netns a
ip addr add 10.0.0.1/24 dev v1
ip -n a addr add 10.0.0.2/24 dev v1p
ip link set v1 up
ip -n a link set v1p up
ip -n a link set lo up
ping -c2 -i0.2 -s 100 10.0.0.2
ping -c1 -t 5 10.0.0.2
ping -c1 -I 10.0.0.1 10.0.0.2
ping -c1 -I v1 10.0.0.2
