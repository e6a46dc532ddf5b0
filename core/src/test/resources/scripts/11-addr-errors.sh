# ip addr refusals
ip link add v1 type veth peer name v2
ip addr add 10.0.0.1/24 dev v1
ip addr add 10.0.0.1/24 dev v1
echo "rc=$?"
ip addr add 10.0.0.2/24 dev nosuch
echo "rc=$?"
ip addr del 10.0.0.9/24 dev v1
echo "rc=$?"
ip addr del 10.0.0.1/24 dev v1
ip addr show v1
