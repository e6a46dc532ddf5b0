# Escape 2: the command that ip netns exec runs, hidden in a variable.
ip netns add x
C=touch
ip netns exec x $C escaped-02
