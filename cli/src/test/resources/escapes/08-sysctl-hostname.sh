# Escape 8: sysctl -w of a sysctl outside net.*, here the host name.
sysctl -w kernel.hostname=escaped-08
