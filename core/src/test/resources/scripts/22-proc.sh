# echo and cat on /proc/sys/net
cat /proc/sys/net/ipv4/ip_forward
echo 1 > /proc/sys/net/ipv4/ip_forward
cat /proc/sys/net/ipv4/ip_forward
cat /proc/sys/net/ipv4/conf/all/forwarding
cat /proc/sys/net/ipv4/nosuch
echo "rc=$?"
sysctl -w net.ipv4.nosuch=1
echo "rc=$?"
ip netns add a
ip netns exec a cat /proc/sys/net/ipv4/ip_forward
