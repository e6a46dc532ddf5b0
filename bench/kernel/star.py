#!/usr/bin/env python3
"""Writes a star lab (N hosts, each a veth to one router, a /30 each, a default route) as YAML,
as an `ip -batch` file, or as a plain shell loop of `ip` commands: the three builds the kernel
benchmark compares. `lan` writes instead what `mn --topo single,N --switch lxbr` builds: N hosts
on one Linux bridge in a switch node, one /16. Usage: star.py N yaml|batch|shell|lan [name]"""
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
