# Escape 11: ip netns attach names the network namespace of PID 1 (on a host: the host's own), and
# ip -n then makes links there.
ip netns attach parentns 1
ip -n parentns link add escaped11 type veth peer name escaped11b
ip -n parentns -o link show escaped11
