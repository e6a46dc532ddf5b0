# Escape 7: ip -b reads commands from a file, where no check looked.
ip netns add x
ip -b 07-ip-batch.batch
