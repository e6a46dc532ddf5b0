# Escape 3: "ip net", iproute2's prefix of netns.
ip netns add x
ip net exec x touch escaped-03
