# every process the script can signal, and one left running behind it
sleep 300 &
setsid sleep 301 < /dev/null > /dev/null 2>&1 &
kill -9 -1
echo "after kill -9 -1"
