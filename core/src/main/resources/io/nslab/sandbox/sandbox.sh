# nslab sandbox, first stage: run by Sandbox.java as root in a private mount namespace,
#   setpriv --pdeathsig=KILL -- unshare --mount --propagation private -- bash -c "$THIS" nslab-sandbox \
#     WORK BASE COUNT CWD INIT FILE... -- COMMAND...
# (without root: unshare --user --map-root-user --mount ..., and BASE "none"; WORK has a third file, remount)
# WORK is a private directory with the rest of the sandbox's file system as fstab lines (see SandboxFstab.java):
# fstab (as root: with the new root's own mounts and absolute targets; otherwise below the new root), and
# fstab-files for the FILEs that are bound one by one. This stage builds that file system,
# pivots into it and becomes root of a new user namespace; then it makes the other namespaces, with
# INIT (sandbox-init.sh) as PID 1 of the new PID namespace, running the command. Each process of the
# chain gets SIGKILL when its parent dies: a sandbox never outlives the nslab that made it.
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin
fail() {
  echo "nslab sandbox: $*" >&2
  exit 1
}
work=$1 base=$2 count=$3 cwd=$4 init=$5
shift 5
files=()
while [ "$1" != -- ]; do files+=("$1"); shift; done
shift
# INIT writes "ready" to the status file (which nslab holds open) just before it runs the command; without
# it, nslab reports that the sandbox could not be made (the command's own exit status could be anything).
exec {status}>>"$work/status"
# WORK's parent, to remove WORK once the pivot has taken the new root's mount point away: then a killed
# nslab leaves nothing there
exec {parent}<"${work%/*}"

root=$work/mnt/root
if [ "$base" != none ]; then
  # The helper that makes root's user namespace (see below) starts now, while the file system is built: it is
  # three programs to start, and the kernel may give no user namespace (then it ends at once, and says nothing).
  coproc userns { exec 2>/dev/null setpriv --pdeathsig=KILL -- unshare --user -- bash -c 'echo made; read -r _'; }
fi

# -n: the host's /run/mount/utab is none of the sandbox's business
if [ "$base" = none ]; then
  mkdir "$work/mnt"
  mount -n -t tmpfs -o mode=0700 nslab-sandbox "$work/mnt"
  mkdir "$root"
  # An unprivileged caller's user namespace holds the host's mounts locked together: / is bound with all of
  # them, and each is made read-only where it is (REMOUNT: options and target, NUL-ended; see SandboxFstab.java)
  mount -n --rbind / "$root"
  umount -n "$root$work/mnt" # the copy of the mount being built, which would keep WORK busy after the pivot
  mount -n -o remount,bind,ro "$root"
  while IFS= read -r -d '' opts && IFS= read -r -d '' target; do
    # one below a directory the caller may not search (docker's under /var/lib/docker) is out of reach anyway
    [ -e "$root$target" ] || continue
    mount -n -o "$opts" "$root$target" || fail "cannot make $target read-only"
  done < "$work/remount"
  mount -n --all --fstab "$work/fstab" --target-prefix "$root" || fail "cannot build its file system"
else
  # WORK/mnt (made by Sandbox.java) gets a tmpfs, the host's / goes read-only at ROOT in it, the rest below ROOT
  mount -n --all --fstab "$work/fstab" || fail "cannot build its file system"
fi
if [ ${#files[@]} -gt 0 ]; then
  dirs=("${files[@]%/*}")
  mkdir -p "${dirs[@]/#/$root}"
  for f in "${files[@]}"; do : > "$root$f"; done
fi

if [ "$base" = none ]; then
  # an unprivileged caller's sandbox: this stage is root of a user namespace already, with the caller's uid
  enter=()
elif [ -n "${userns[0]-}" ] && read -r made 2>/dev/null <&"${userns[0]}" && [ "$made" = made ]; then
  # The uid map of a user namespace is written from outside it, by a process with capabilities above
  # it: root inside is uid $base outside, an unprivileged user to the host. A helper makes the namespace
  # and holds it while the map is written and the namespace is bound to a file only root may reach.
  printf '0 %s %s\n' "$base" "$count" > "/proc/$userns_PID/uid_map"
  printf '0 %s %s\n' "$base" "$count" > "/proc/$userns_PID/gid_map"
  : > "$root/run/.nslab-sandbox/user"
  echo "/proc/$userns_PID/ns/user /run/.nslab-sandbox/user none bind 0 0" >> "$work/fstab-files"
  enter=(nsenter --user=/run/.nslab-sandbox/user --setuid=0 --setgid=0 -- setpriv --pdeathsig=KILL --)
else
  echo "nslab sandbox: this kernel gives no user namespace: the command runs as the host's root," \
    "in namespaces of its own, but nothing stops it from undoing the read-only mounts" >&2
  enter=()
fi
# the files bound one by one, and root's user namespace
if [ -s "$work/fstab-files" ]; then
  mount -n --all --fstab "$work/fstab-files" --target-prefix "$root" || fail "cannot show the files it needs"
fi
if [ ${#enter[@]} -gt 0 ]; then
  echo done >&"${userns[1]}"
  eval "exec ${userns[0]}<&- ${userns[1]}>&-" # not for the command to inherit
fi

cd "$root"
pivot_root . .
umount -n -l . # the host's tree, stacked on the new root by pivot_root
cd /
# WORK, with its fstab files and the status file (nslab holds it open), in one process
rm -r -- "/proc/self/fd/$parent/${work##*/}"
exec {parent}<&-
# the host's, bound there for umount (it reads /proc/self/mountinfo) and the rmdir; an unprivileged caller's
# came with / and is locked there, under the sandbox's own
[ "$base" = none ] || umount -n -l /proc

# As root of the user namespace: the namespaces made now belong to it, so root's capabilities reach
# them and nothing of the host's; the mounts inherited from the host are locked (what is read-only
# stays read-only, what covers something stays).
exec "${enter[@]}" unshare --pid --fork --kill-child --mount-proc --mount --net --uts --ipc --cgroup -- \
  bash -c "$init" nslab-sandbox-init "$status" "$cwd" "$@"
