#!/bin/bash
# Checking a container's veth as troubleshooting guides do: offloads (ethtool -k) and the short interface table.
ip netns add ctr
ip link add veth-host type veth peer name veth-ctr
ip link add docker1 type bridge
ip link set veth-host master docker1
ip link set veth-ctr netns ctr
ip link set docker1 up
ip link set veth-host up
ip -n ctr link set veth-ctr up
ip -n ctr link set lo up
ifconfig -s
ifconfig -s -a veth-host
ip netns exec ctr ifconfig -s
ethtool -k docker1 | grep -E '^(tx-checksumming|generic-receive-offload|tx-gso-robust|tx-fcoe-segmentation):'
ip netns exec ctr ethtool -k veth-ctr | head -12
ip netns exec ctr ethtool -K veth-ctr tx off > /dev/null
ip netns exec ctr ethtool -k veth-ctr | grep -E 'tx-checksumming|segmentation: off'
ip netns exec ctr ethtool -K veth-ctr sg off tso off gro on > /dev/null
ip netns exec ctr ethtool --show-features veth-ctr | grep -E '^(scatter-gather|tcp-segmentation-offload|generic-(segmentation|receive)-offload):'
ethtool -k veth-ctr
echo "rc=$?"
ip link add lone type bridge
ethtool -k lone | sed -n '1,4p;/^generic/p'
ip netns del ctr
ip link del docker1
ip link del lone
