# Escape 10: sysctl -p reads the settings from a file, where no check looked.
sysctl -p 10-sysctl-p.conf
