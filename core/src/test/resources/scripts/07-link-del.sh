# deleting one end of a veth deletes both
ip netns add a
ip link add v1 type veth peer name v1p netns a
ip -n a link
ip link del v1
ip -n a link
ip link
