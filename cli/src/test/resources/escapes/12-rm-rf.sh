# rm -rf at what a careless teardown might name: the script's directory, a home, system files
ip netns add victim
rm -rf ./canary ./*.sh 2>&1 | sort
rm -rf /etc/hostname /usr/sbin/ip ~/.bashrc 2>&1 | sort
rm -rf /run/netns/victim 2>&1
ls canary
