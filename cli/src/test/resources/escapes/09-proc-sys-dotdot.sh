# Escape 9: a path that starts in /proc/sys/net and leaves it.
echo escaped-09 > /proc/sys/net/../kernel/hostname
