# the network: an address outside, a name, a veth's address of the world around
curl -sS -m 3 http://192.0.2.1/ 2>&1 | head -1
curl -sS -m 3 https://example.com/ 2>&1 | head -1
ping -c 1 -W 1 192.0.2.1
echo "curl done"
