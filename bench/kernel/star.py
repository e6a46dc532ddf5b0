#!/usr/bin/env python3
"""Writes a star lab (N hosts, each a veth to one router, a /30 each, a default route) as YAML,
as an `ip -batch` file, or as a plain shell loop of `ip` commands: the three builds the kernel
benchmark compares. `batches DIR` writes the star as the benchmarks' `ip -batch` runs build it (a batch file
cannot switch namespace): DIR/global.batch (namespaces and veth pairs), DIR/r.batch for `ip -n NAME-r -batch`,
and DIR/hK.batch for each host's `ip -n NAME-hK -batch`. `lan` writes instead what `mn --topo single,N --switch lxbr` builds: N hosts
on one Linux bridge in a switch node, one /16. Usage: star.py N yaml|batch|shell|lan [name], star.py N batches name DIR"""
import sys

n, kind = int(sys.argv[1]), sys.argv[2]
name = sys.argv[3] if len(sys.argv) > 3 else "star"

def net(i):
    base = i * 4
    return "10.%d.%d." % (base >> 16 & 255, base >> 8 & 255), base & 255

if kind == "lan":
    print("name: %s\nnodes:\n  s1:\n    bridges:\n      br0:\n        ports: [%s]" % (name, ", ".join("p%d" % i for i in range(n))))
    for i in range(n):
        print("  h%d: {}" % i)
    print("links:")
    for i in range(n):
        print('  - endpoints: ["h%d:eth0 10.0.%d.%d/16", "s1:p%d"]' % (i, (i + 1) >> 8, (i + 1) & 255, i))
elif kind == "batches":
    out = sys.argv[4]
    with open(out + "/global.batch", "w") as f:
        f.write("netns add %s-r\n" % name)
        for i in range(n):
            f.write("netns add %s-h%d\n" % (name, i))
            f.write("link add eth0 netns %s-h%d type veth peer name h%d netns %s-r\n" % (name, i, i, name))
    with open(out + "/r.batch", "w") as f:
        f.write("link set lo up\n")
        for i in range(n):
            p, last = net(i)
            f.write("addr add %s%d/30 dev h%d\nlink set h%d up\n" % (p, last + 1, i, i))
    for i in range(n):
        p, last = net(i)
        with open("%s/h%d.batch" % (out, i), "w") as f:
            f.write("addr add %s%d/30 dev eth0\nlink set lo up\nlink set eth0 up\nroute add default via %s%d\n" % (p, last + 2, p, last + 1))
elif kind == "yaml":
    print("name: %s\nnodes:\n  r:\n    forwarding: true" % name)
    for i in range(n):
        p, last = net(i)
        print("  h%d:\n    routes: [default via %s%d]" % (i, p, last + 1))
    print("links:")
    for i in range(n):
        p, last = net(i)
        print('  - endpoints: ["h%d:eth0 %s%d/30", "r:h%d %s%d/30"]' % (i, p, last + 2, i, p, last + 1))
else:
    pre = "ip " if kind == "shell" else ""
    r = name + "-r"
    print(pre + "netns add " + r)
    print(pre + "-n %s link set lo up" % r)
    for i in range(n):
        p, last = net(i)
        h = "%s-h%d" % (name, i)
        print(pre + "netns add " + h)
        print(pre + "-n %s link add eth0 type veth peer name h%d netns %s" % (h, i, r))
        print(pre + "-n %s addr add %s%d/30 dev eth0" % (h, p, last + 2))
        print(pre + "-n %s addr add %s%d/30 dev h%d" % (r, p, last + 1, i))
        print(pre + "-n %s link set lo up" % h)
        print(pre + "-n %s link set eth0 up" % h)
        print(pre + "-n %s link set h%d up" % (r, i))
        print(pre + "-n %s route add default via %s%d" % (h, p, last + 1))
    if kind == "shell":
        print("ip netns exec %s sysctl -qw net.ipv4.ip_forward=1" % r)
