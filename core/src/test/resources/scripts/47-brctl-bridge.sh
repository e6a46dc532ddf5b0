#!/bin/bash
# Three hosts on a bridge made with bridge-utils, as older tutorials do.
set -e
sudo brctl addbr br-lab
for n in 1 2 3; do
  sudo ip netns add host$n
  sudo ip link add veth$n type veth peer name eth0 netns host$n
  sudo brctl addif br-lab veth$n
  sudo ip link set veth$n up
  sudo ip netns exec host$n ip addr add 10.0.50.$n/24 dev eth0
  sudo ip netns exec host$n ip link set eth0 up
done
sudo ip link set br-lab up
brctl show
brctl show br-lab | tail -n +2 | wc -l
sudo ip netns exec host1 ping -c 2 10.0.50.2
sudo ip netns exec host3 ping -c 1 10.0.50.1 | tail -2
brctl stp br-lab on
brctl show | grep br-lab | awk '{print $1, $3}'
sudo brctl delif br-lab veth3
brctl show
sudo ip netns exec host3 ping -c 1 -W 1 10.0.50.1 || echo "host3 is off the bridge"
sudo ip link set br-lab down
sudo brctl delbr br-lab
for n in 1 2 3; do sudo ip netns del host$n; done
brctl show
