# variables, braces, quoting, continuations, && and ||
NS=alpha
PREFIX="10.5"
ip netns add $NS && echo "added ${NS}"
ip netns add "$NS" || echo 'second add failed: rc='$?
ip -n ${NS} link add v1 \
    type veth peer name v2
for i in 1 2; do ip -n $NS addr add ${PREFIX}.$i.1/24 dev v$i; done
ip -n $NS addr show
echo "done with $NS"; echo single\ word
