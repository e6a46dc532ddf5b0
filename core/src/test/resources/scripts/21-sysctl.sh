# sysctl read and write
sysctl net.ipv4.ip_forward
sysctl -w net.ipv4.ip_forward=1
sysctl -n net.ipv4.ip_forward
sysctl -n net.ipv4.conf.all.forwarding
sysctl -w net.ipv4.conf.all.rp_filter=2
sysctl net.ipv4.conf.default.rp_filter
sysctl -w net.ipv4.nosuch=1
echo "rc=$?"
sysctl -q -w net.ipv4.ip_forward=0
sysctl net/ipv4/ip_forward
