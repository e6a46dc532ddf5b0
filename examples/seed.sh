#!/bin/bash
# The tutorial, step by step: two namespaces, ns1 and ns2, on two subnets, and the host
# itself as the router between them. Run it with
#   ./nslab script examples/seed.sh             (the simulator, no root needed)
#   ./nslab script --compare examples/seed.sh   (also for real in a sandbox, and diff)

# 1. Two namespaces and two veth pairs; the _r ends stay on the host.
ip netns add ns1
ip netns add ns2
ip link add v1 type veth peer name v1_r
ip link add v2 type veth peer name v2_r
ip link set v1 netns ns1
ip link set v2 netns ns2

# 2. Addresses: each namespace and the host share a subnet.
ip netns exec ns1 ip addr add 10.10.10.2/24 dev v1
ip addr add 10.10.10.1/24 dev v1_r
ip netns exec ns2 ip addr add 10.10.20.2/24 dev v2
ip addr add 10.10.20.1/24 dev v2_r

# 3. Everything up.
for ns in ns1 ns2; do
    ip netns exec $ns ip link set lo up
done
ip netns exec ns1 ip link set v1 up
ip netns exec ns2 ip link set v2 up
ip link set v1_r up
ip link set v2_r up

# 4. The host reaches both, but ns1 cannot reach ns2: no route, no forwarding.
ping -c1 -W1 10.10.10.2
ping -c1 -W1 10.10.20.2
ip netns exec ns1 ping -c1 -W1 10.10.20.2
echo "ns1 -> ns2 before the routes: exit $?"

# 5. The host forwards, and each namespace routes the other's subnet through it.
echo 1 > /proc/sys/net/ipv4/ip_forward
ip netns exec ns1 route add -net 10.10.20.0 netmask 255.255.255.0 gw 10.10.10.1
ip netns exec ns2 route add -net 10.10.10.0 netmask 255.255.255.0 gw 10.10.20.1
ip netns exec ns1 route -n
ip netns exec ns2 ip route

# 6. Now they answer, one hop away: ttl=63.
ip netns exec ns1 ping -c3 -i0.2 10.10.20.2
ip netns exec ns2 ping -c3 -i0.2 10.10.10.2
ip netns exec ns1 traceroute -n -I 10.10.20.2
