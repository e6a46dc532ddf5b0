#!/bin/bash
# Forwarding switched on through /proc, in the root namespace and inside namespaces.
cat /proc/sys/net/ipv4/ip_forward
echo 1 > /proc/sys/net/ipv4/ip_forward
cat /proc/sys/net/ipv4/ip_forward
sysctl net.ipv4.ip_forward
ip netns add fw
ip netns exec fw cat /proc/sys/net/ipv4/ip_forward
ip netns exec fw bash -c 'echo 1 > /proc/sys/net/ipv4/ip_forward; cat /proc/sys/net/ipv4/ip_forward'
ip netns exec fw sysctl -n net.ipv4.ip_forward
sudo sysctl -w net.ipv4.conf.all.rp_filter=2
ip netns exec fw sysctl net.ipv4.conf.all.rp_filter
sysctl -n net.ipv4.conf.all.rp_filter
echo 0 | sudo tee /proc/sys/net/ipv4/ip_forward
cat /proc/sys/net/ipv4/ip_forward
ip netns del fw
