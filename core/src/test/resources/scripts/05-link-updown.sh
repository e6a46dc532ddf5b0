# up and down, carrier of the peer
ip link add v1 type veth peer name v2
ip link set v1 up
ip link
ip l s v2 up
ip link
ip link set dev v1 down
ip link show dev v2
