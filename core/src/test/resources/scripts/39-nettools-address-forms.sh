# IPv4 as net-tools' route reads it: glibc's inet_aton (010 is octal 8, 10.1 is 10.0.0.1, a plain number is the
# whole address, trailing blanks pass), then a name lookup that finds nothing ("Unknown host", exit 6); its own
# checks print the usage text and exit 3. Recorded with net-tools 2.10.
ip link add va type veth peer name vb
ip link set va up
ip link set vb up
ip addr add 8.0.0.9/24 dev va
echo "== route add -net 010.0.0.0 netmask 255.255.0.0 dev va"
route add -net 010.0.0.0 netmask 255.255.0.0 dev va
echo "rc=$?"
echo "== route add -net 0x0a.1.0.0 netmask 255.255.0.0 dev va"
route add -net 0x0a.1.0.0 netmask 255.255.0.0 dev va
echo "rc=$?"
echo "== route add -net 10.1 netmask 255.255.0.0 dev va"
route add -net 10.1 netmask 255.255.0.0 dev va
echo "rc=$?"
echo "== route add -net 12.0.0.08 netmask 255.255.0.0 dev va"
route add -net 12.0.0.08 netmask 255.255.0.0 dev va
echo "rc=$?"
echo "== route add -net +10.6.0.0 netmask 255.255.0.0 dev va"
route add -net +10.6.0.0 netmask 255.255.0.0 dev va
echo "rc=$?"
echo "== route add -net '10.15.0.0 ' netmask '255.255.0.0 ' dev va"
route add -net "10.15.0.0 " netmask "255.255.0.0 " dev va
echo "rc=$?"
echo "== route add -net 167772160 netmask 255.255.0.0 dev va"
route add -net 167772160 netmask 255.255.0.0 dev va
echo "rc=$?"
echo "== route add -host 010.9.9.9 dev va"
route add -host 010.9.9.9 dev va
echo "rc=$?"
echo "== route add -host 8.1.2 dev va"
route add -host 8.1.2 dev va
echo "rc=$?"
echo "== route add -host 8.65535 dev va"
route add -host 8.65535 dev va
echo "rc=$?"
echo "== route add -host 0x8.0X10.0.1 dev va"
route add -host 0x8.0X10.0.1 dev va
echo "rc=$?"
echo "== route add -host 4294967295 dev va"
route add -host 4294967295 dev va
echo "rc=$?"
echo "== route add -net 012.12.0.0/16 dev va"
route add -net 012.12.0.0/16 dev va
echo "rc=$?"
echo "== route add -net 16.0.0.0/010 dev va"
route add -net 16.0.0.0/010 dev va
echo "rc=$?"
echo "== route add -net 10.4.0.0/0x10 dev va"
route add -net 10.4.0.0/0x10 dev va
echo "rc=$?"
echo "== route add -net 10.5.0.0/33 dev va"
route add -net 10.5.0.0/33 dev va
echo "rc=$?"
echo "== route add -net 10.6.0.0/1x dev va"
route add -net 10.6.0.0/1x dev va
echo "rc=$?"
echo "== route add -net 10.7.0.0/ dev va"
route add -net 10.7.0.0/ dev va
echo "rc=$?"
echo "== route add -net 10.8.0.0/16 netmask 255.255.0.0 dev va"
route add -net 10.8.0.0/16 netmask 255.255.0.0 dev va
echo "rc=$?"
echo "== route add 10.9.0.0/16 dev va"
route add 10.9.0.0/16 dev va
echo "rc=$?"
echo "== route add -host 10.0.0.1 netmask 255.255.255.255 dev va"
route add -host 10.0.0.1 netmask 255.255.255.255 dev va
echo "rc=$?"
echo "== route add -net 13.0.0.0 netmask 0377.255.0.0 dev va"
route add -net 13.0.0.0 netmask 0377.255.0.0 dev va
echo "rc=$?"
echo "== route add -net 10.1.0.0 netmask 255.0.255.0 dev va"
route add -net 10.1.0.0 netmask 255.0.255.0 dev va
echo "rc=$?"
echo "== route add -net 10.10.0.0 netmask 0xffff0000 dev va"
route add -net 10.10.0.0 netmask 0xffff0000 dev va
echo "rc=$?"
echo "== route add -net 10.11.0.0 netmask 255.255 dev va"
route add -net 10.11.0.0 netmask 255.255 dev va
echo "rc=$?"
echo "== route add -net 10.12.0.0 netmask 08.0.0.0 dev va"
route add -net 10.12.0.0 netmask 08.0.0.0 dev va
echo "rc=$?"
echo "== route add -net 14.0.0.0 netmask 255.0.0.0 gw 010.0.0.1 dev va"
route add -net 14.0.0.0 netmask 255.0.0.0 gw 010.0.0.1 dev va
echo "rc=$?"
echo "== route add -net 15.0.0.0 netmask 255.0.0.0 gw 8.1 dev va"
route add -net 15.0.0.0 netmask 255.0.0.0 gw 8.1 dev va
echo "rc=$?"
echo "== route add -net 10.13.0.0 netmask 255.255.0.0 gw 8.0.0.08 dev va"
route add -net 10.13.0.0 netmask 255.255.0.0 gw 8.0.0.08 dev va
echo "rc=$?"
echo "== route add -net 10.20.0.0 dev va"
route add -net 10.20.0.0 dev va
echo "rc=$?"
echo "== route add default gw 010.0.0.2"
route add default gw 010.0.0.2
echo "rc=$?"
route -n
echo "== route del -net 010.0.0.0 netmask 255.255.0.0"
route del -net 010.0.0.0 netmask 255.255.0.0
echo "rc=$?"
route -n
