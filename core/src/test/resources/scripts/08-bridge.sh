# a bridge with two ports
ip link add br0 type bridge
ip link add p1 type veth peer name p1x
ip link add p2 type veth peer name p2x
ip link set p1 master br0
ip link set p2 master br0
ip link set br0 up
ip link set p1 up
ip link
ip link set p2 nomaster
ip link show p2
ip link set br0 master br0
echo "rc=$?"
ip link set lo master br0
echo "rc=$?"
