# blackhole, unreachable, prohibit
ip route add blackhole 10.9.9.0/24
ip route add unreachable 10.8.0.0/16
ip route add prohibit 10.7.0.0/16
ip route
route -n
ip -j route
ping -c1 10.9.9.1
echo "rc=$?"
ping -c1 10.8.0.1
echo "rc=$?"
