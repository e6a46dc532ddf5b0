# Destinations as ping and traceroute read them (getaddrinfo: inet_aton without trailing blanks, so 010 is octal),
# named in their output as they were given; ping -I takes inet_pton's strict address or else a device name.
# (A name such as 08.0.0.9 goes to DNS, whose answer depends on the machine: left out.)
# Recorded with iputils 20221126 and traceroute 2.1.2.
ip link add va type veth peer name vb
ip link set va up
ip link set vb up
ip addr add 8.0.0.9/24 dev va
for t in 010.0.0.9 8.9 0x8.0.0.9 134217737 " 8.0.0.9"; do
  echo "== ping '$t'"
  ping -c 1 -W 1 "$t"
  echo "rc=$?"
done
ping -c 1 -W 1 -I 010.0.0.9 8.0.0.9
echo "rc=$?"
ping -c 1 -W 1 -I 8.0.0.9 010.0.0.9
echo "rc=$?"
traceroute -n -I -m 1 010.0.0.9
echo "rc=$?"
traceroute -n -I -m 1 8.9
echo "rc=$?"
