# iproute2 abbreviations: "a" is address and "b" broadcast even where a name was meant
ip link add a type veth peer name a1
echo "rc=$?"
ip link add b type veth peer name b1
echo "rc=$?"
ip l a v1 type veth peer name v2
ip a a 10.0.0.1/24 dev v1
ip l s v1 up
ip l s dev v2 up
ip r a 10.2.0.0/16 via 10.0.0.2
ip r
ip ro sh
ip a s v1
ip r d 10.2.0.0/16
ip r l
