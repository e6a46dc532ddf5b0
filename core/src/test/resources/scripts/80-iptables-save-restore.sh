#!/bin/bash
# Firewall rules saved and restored the way a server's rules.v4 is: iptables-save to a file,
# a flush, iptables-restore from it, then --noflush additions and the mistakes people make.
set -u
sudo ip netns add gw
sudo ip netns add lan
sudo ip link add eth1 netns gw type veth peer name eth0 netns lan
sudo ip -n gw addr add 192.168.80.1/24 dev eth1
sudo ip -n lan addr add 192.168.80.10/24 dev eth0
sudo ip -n gw link set eth1 up
sudo ip -n lan link set eth0 up

echo "== nothing to save yet"
sudo ip netns exec gw iptables-save | wc -l

sudo ip netns exec gw iptables -P INPUT DROP
sudo ip netns exec gw iptables -A INPUT -i lo -j ACCEPT
sudo ip netns exec gw iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
sudo ip netns exec gw iptables -N SSH_IN
sudo ip netns exec gw iptables -A SSH_IN -s 192.168.80.0/24 -j ACCEPT
sudo ip netns exec gw iptables -A INPUT -p tcp --dport 22 -j SSH_IN
sudo ip netns exec gw iptables -A INPUT -p icmp -j ACCEPT
sudo ip netns exec gw iptables -t nat -A POSTROUTING -s 192.168.80.0/24 -o eth9 -j MASQUERADE

rules=$(mktemp)
sudo ip netns exec gw iptables-save > "$rules"
echo "== saved $(grep -c '^-A' "$rules") rules in $(grep -c '^\*' "$rules") tables"
grep -v '^#' "$rules"

sudo ip netns exec lan ping -c 2 -i 0.2 192.168.80.1 | grep transmitted
sudo ip netns exec gw iptables-save -c -t filter | grep -- '-p icmp'

echo "== flushed"
sudo ip netns exec gw iptables -F
sudo ip netns exec gw iptables -X SSH_IN
sudo ip netns exec gw iptables -P INPUT ACCEPT
sudo ip netns exec gw iptables -t nat -F
sudo ip netns exec gw iptables -S

echo "== restored"
if sudo ip netns exec gw iptables-restore < "$rules"; then
  echo "restore ok"
fi
sudo ip netns exec gw iptables -S
sudo ip netns exec gw iptables -t nat -S POSTROUTING

echo "== one more rule without flushing"
cat <<'RULES' | sudo ip netns exec gw iptables-restore --noflush
*filter
-A INPUT -p udp --dport 53 -j ACCEPT
COMMIT
RULES
sudo ip netns exec gw iptables -S INPUT | tail -n 2

echo "== mistakes"
printf '*filter\n-A INPUT -j ACCEPT\n' | sudo ip netns exec gw iptables-restore
echo "no COMMIT: rc=$?"
printf '*filter\n-A INPUT -p tcp --dport 80 -j WEB\nCOMMIT\n' | sudo ip netns exec gw iptables-restore
echo "unknown chain: rc=$?"
printf '*filter\n:INPUT REJECT [0:0]\nCOMMIT\n' | sudo ip netns exec gw iptables-restore
echo "bad policy: rc=$?"
sudo ip netns exec gw iptables-restore /nonexistent/rules.v4
echo "no file: rc=$?"
sudo ip netns exec gw iptables -S INPUT | wc -l

rm -f "$rules"
sudo ip netns del lan
sudo ip netns del gw
