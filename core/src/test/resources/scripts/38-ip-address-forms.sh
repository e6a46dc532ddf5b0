# IPv4 as ip reads it (iproute2's get_addr_ipv4): each part by strtoul(.., 0), so 010 is octal 8 and 0x0a is 10;
# missing parts are zero (10.1 is 10.1.0.0); a prefix length is a C number too (/024 is /20) or a dotted mask.
# Recorded with iproute2 6.1. The IPv6 part uses a link without carrier: no link-local routes, no DAD.
ip link add va type veth peer name vb
for a in 010.0.0.9/24 0x0a.0.0.1/24 10.1/24 10.1.2/24 10/8 012.0.0.3/24 00010.0.0.4/24 +10.0.0.5/24 \
    10.0.0.0377/32 10.0.0.011/32 0X10.0.0.7/32 10.0.0.7/024 10.0.0.17/0x18 10.0.0.8/255.255.255.0 \
    167772161/32 10.0.0.08/24 10.0.0.0x1g/24 10.0.0.256/24 10.0.0.-1/24 10.0.0.5./24 .10.0.0.5/24 10..0.5/24 \
    0x/32 10.0.0.7/ 10.0.0.7/33 10.0.0.7/255.0.255.0 1.2.3.4.5/32 10.0.0.0777/32 1e1.0.0.1/32 10.0.0.1/1x; do
  echo "== $a"
  ip addr add "$a" dev va
  echo "rc=$?"
done
ip addr add ' 10.0.0.6/24' dev va
echo "rc=$?"
ip -4 addr show dev va
ip route
ip addr del 010.0.0.9/24 dev va
echo "rc=$?"
ip addr del 8.0.0.9/0x18 dev va
echo "rc=$?"
ip link add vc type veth peer name vd
ip link set vc up
ip -6 addr add ::ffff:010.0.0.1/128 dev vc
echo "rc=$?"
ip addr add fd00::00001/64 dev vc
echo "rc=$?"
ip -6 route add fd00:1::/0x40 dev vc
echo "rc=$?"
ip -6 route add fd00:2::/077 dev vc
echo "rc=$?"
ip -6 route add fd03:3::/255.255.255.0 dev vc
echo "rc=$?"
ip -6 route add fd00:4::/ 64 dev vc
echo "rc=$?"
ip -6 route show table main
ip -6 route del fd00:2::1/63 dev vc
echo "rc=$?"
ip link set va up
ip link set vb up
for d in "010.1.0.0/16 dev va" "10.2/16 dev va" "0x0b.0.0.0/8 dev va" "012.0.0.0/8 dev va" "10.3.0.0/16 via 010.0.0.10" "10.4.0.0/16 via 10.1.0.1 src 010.1.2.0" \
    "10.5.0.0/16 via 10.0.0.09" "10.6/0x10 dev va"; do
  echo "== route $d"
  ip route add $d
  echo "rc=$?"
done
ip route
ip route get 010.1.0.1
ip route get 10.3
ip route get 10.0.0.08
echo "rc=$?"
ip route del 010.1.0.1/16
echo "rc=$?"
ip route del 010.1.0.0/16
echo "rc=$?"
