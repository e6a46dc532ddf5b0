# nslab script's prelude: run as root in the script's sandbox, it installs the tools and becomes the
# script's bash (see ScriptRun.java):
#   bash -c PRELUDE nslab-script MODE INTERRUPT_AFTER TOOLS_BASH TOOL ENTER SIMULATED SCRIPT [ARGS...]
# MODE sim: the tools named in SIMULATED (space-separated) are the simulator's, and so are sudo and nsenter;
# ip, /usr/sbin/ip, a PATH lookup from xargs and the like all reach them. MODE kernel: the real tools,
# but for sudo (a real one cannot work in a sandbox), ping without a count, interrupted after
# INTERRUPT_AFTER seconds, and ip netns delete, which returns once the kernel has removed the namespace's
# veth peers (see __nslab_kernel_ip in tools.bash). Where a real tool is installed, its file is covered by the tool shim; where it
# is not, the shim is found at the end of PATH.
# MODE installed: the simulator's JVM makes the files (ToolFiles.java), and SIMULATED lists every function
# to export; this waits until they are made (a line in the FIFO ready, where there is one: ReadySignal.java), mounts
# them and becomes the script's bash. MODE installed-import: the same, with the script's
# stdout on stderr.
set -eu
mode=$1 interrupt=$2
dir=/run/nslab-tools
if [ "$mode" = installed-import ]; then
  exec >&2 # stdout is the lab file's, which the simulator writes once the script ends
  mode=installed
fi
if [ "$mode" = installed ]; then
  if [ -p "$dir/ready" ]; then
    read -r _ < "$dir/ready"
  fi
  read -r -a shims <<< "$6"
  shift 6
else
  mkdir -p "$dir/bin" "$dir/real"
  printf '%s' "$3" > "$dir/tools.bash"
  printf '%s' "$4" > "$dir/tool"
  chmod 755 "$dir/tool"
  printf '%s' "$5" > "$dir/enter"
  read -r -a simulated <<< "$6"
  shift 6
  own=(sudo)
  if [ "$mode" = sim ]; then
    own+=(nsenter)
  else
    simulated=()
  fi
  {
    for n in "${simulated[@]}"; do
      printf '%s() { { local -; set +exu; } 2>&-; __nslab_tool %s "$@"; }\n' "$n" "$n"
    done
  } > "$dir/functions.bash"
  fstab=$dir/fstab
  : > "$fstab"
  shims=("${simulated[@]}" "${own[@]}")
  # The real tool NAME, reachable as $dir/real/NAME once the shim covers it: true when it is installed.
  real() {
    local d
    for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
      if [ ! -L "$d" ] && [ -f "$d/$1" ]; then
        : > "$dir/real/$1"
        echo "$d/$1 $dir/real/$1 none bind 0 0" >> "$fstab"
        return 0
      fi
    done
    return 1
  }
  if [ "$mode" = kernel ]; then
    if real ping; then
      ln -s "$(type -P timeout)" "$dir/real/timeout"
      echo 'ping() { { local -; set +exu; } 2>&-; __nslab_kernel_ping "$@"; }' >> "$dir/functions.bash"
      shims+=(ping)
    fi
    if real ip; then
      echo 'ip() { { local -; set +exu; } 2>&-; __nslab_kernel_ip "$@"; }' >> "$dir/functions.bash"
      shims+=(ip)
    fi
  fi
  for n in "${shims[@]}"; do
    ln -sf ../tool "$dir/bin/$n"
    for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
      if [ ! -L "$d" ] && [ -f "$d/$n" ]; then
        echo "$dir/tool $d/$n none bind 0 0" >> "$fstab"
      fi
    done
  done
  if [ "$mode" = sim ]; then
    echo "$dir/sys/root /proc/sys/net none bind 0 0" >> "$fstab"
  fi
fi
mount -n --all --fstab "$dir/fstab"
. "$dir/tools.bash"
. "$dir/functions.bash"
export -f __nslab_tool __nslab_reads_stdin __nslab_enter __nslab_kernel_ping __nslab_kernel_ip sudo cat __nslab_cat "${shims[@]}"
export NSLAB_NETNS= NSLAB_INTERRUPT_AFTER="$interrupt" PATH="$PATH:$dir/bin"
# the simulator outside the sandbox serves the builtin on a Unix socket (ScriptSimulator.java)
if [ -S "$dir/socket" ]; then
  export NSLAB_TOOLS_SOCKET=$dir/socket
fi
# where the simulator installed the tools as a loadable builtin, every bash of the script loads it first (ToolFiles.java)
if [ "$mode" = installed ] && [ -f "$dir/builtins.bash" ]; then
  export BASH_ENV=$dir/builtins.bash
fi
set +eu
exec bash -- "$@"
