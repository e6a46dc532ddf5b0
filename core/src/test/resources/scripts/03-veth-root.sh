# a veth pair in the root namespace, one end moved
ip netns add a
ip link add v1 type veth peer name v1p
ip link show
ip link set v1p netns a
ip link show
ip -n a link show
ip netns list
