# PID 1 of a sandbox (see sandbox.sh): STATUS-FD CWD COMMAND...
set -eu
mount -t sysfs -o nosuid,nodev,noexec nslab-sandbox /sys # /sys/class/net lists the sandbox's links
# The host's /proc and /sys, which the kernel wanted visible while the sandbox mounted its own: in an
# unprivileged sandbox they are not locked, and go (in a root's, the sandbox cannot reach them anyway: their
# directory belongs to a uid it does not map, and no process is started for a umount bound to fail).
if [ -x /run/.nslab-sandbox ]; then
  umount -n -l /run/.nslab-sandbox/proc /run/.nslab-sandbox/sys 2>/dev/null || true
fi
if command -v ip >/dev/null; then ip link set lo up; else echo "nslab sandbox: ip not found; lo stays down" >&2; fi
cd -- "$2"
status=$1
echo ready >&"$status"
exec {status}>&-
shift 2
set +eu
# Not exec'd (nor last, which bash would exec): this shell stays PID 1, reaps orphans, and its exit
# ends every process left in the sandbox.
"$@"
status=$?
exit "$status"
