# Escape 4: "ip netns e", iproute2's prefix of exec.
ip netns add x
ip netns e x touch escaped-04
