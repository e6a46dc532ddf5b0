# files written outside the sandbox's own /tmp and /run
touch /etc/x
echo owned > /etc/nslab-escaped-13
mkdir /usr/local/escaped-13
touch ./escaped-13
echo "still running"
