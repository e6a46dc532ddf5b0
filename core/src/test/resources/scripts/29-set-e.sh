# set -e stops at the first failure, but not in a tested command
set -e
ip netns add a
ip netns add a || echo "tested failure does not stop"
false && echo "not printed"
ip link set nosuch up
echo "not reached"
