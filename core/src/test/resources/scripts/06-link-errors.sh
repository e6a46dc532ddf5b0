# ip link refusals
ip link set nosuch up
echo "rc=$?"
ip link add v1 type veth peer name v2
ip link add v1 type veth peer name v3
echo "rc=$?"
ip link del nosuch
echo "rc=$?"
ip link show nosuch
echo "rc=$?"
ip link set v1 netns nosuch
echo "rc=$?"
ip link frob
echo "rc=$?"
ip frob
echo "rc=$?"
