# name, mtu, address
ip link add v1 type veth peer name v2
ip link set v1 name wan0
ip link set wan0 mtu 1400
ip link set v2 address 02:00:00:00:00:02
ip link
ip link set v2 name wan0
echo "rc=$?"
