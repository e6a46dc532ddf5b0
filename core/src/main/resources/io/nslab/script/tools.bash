# The networking tools of `nslab script`, as bash functions (see ToolServer.java). The prelude exports
# them, so the script's bash and every bash it starts call them without starting a process; the tool
# shim (bound over /usr/sbin/ip and the like) loads this file for other callers: xargs, timeout, sh, a
# full path. Each function first hides itself from `set -x` and keeps `set -eu` out of its own work:
# a script traces and stops at `ip ...` as it would at the real tool, never inside it.

# __nslab_reads_stdin NAME ARGS...: whether this call reads its standard input, which the simulator's tool cannot
# (iptables-restore without a file, nft -f -): the function then reads it and sends it along.
__nslab_reads_stdin() {
  case $1 in
    iptables-restore|ip6tables-restore)
      shift
      while [[ $# -gt 0 ]]; do
        case $1 in
          -T|--table|-M|--modprobe|-W|--wait-interval) shift 2 ;;
          -) return 0 ;;
          -*) shift ;;
          *) return 1 ;;
        esac
      done
      return 0 ;;
    nft)
      [[ " $* " == *" -f - "* || " $* " == *" --file - "* || " $* " == *" -f /dev/stdin "* ]] ;;
    ip)
      # ip netns exec NS TOOL ...: the simulator runs TOOL itself, which reads what ip was given
      local __nslab_all=
      shift
      while [[ $1 == -* ]]; do
        [[ $1 == -a || $1 == -all ]] && __nslab_all=1
        shift
      done
      [[ $1 == n || $1 == ne || $1 == net || $1 == netn || $1 == netns ]] || return 1
      [[ $2 == e || $2 == ex || $2 == exe || $2 == exec ]] || return 1
      shift 2
      [[ -n $__nslab_all ]] || shift
      [[ $# -gt 0 ]] && __nslab_reads_stdin "$@" ;;
    *) return 1 ;;
  esac
}

# __nslab_tool NAME ARGS...: one call to the simulator, over this process's connection.
__nslab_tool() {
  local __nslab_f
  # Where the tools are a loadable builtin, a bash that came without it (its environment's functions, a program's
  # shim, bash reading stdin) loads it and lets it make the call: a simulator outside the sandbox has no TCP port,
  # only a Unix socket, which bash cannot reach itself (ScriptSimulator.java).
  if [[ -z ${__nslab_builtin-} && -z ${__nslab_builtin_tried-} && -f /run/nslab-tools/builtins.bash ]]; then
    __nslab_builtin_tried=1
    . /run/nslab-tools/builtins.bash
  fi
  if [[ -n ${__nslab_builtin-} ]]; then
    builtin "$@"
    return
  fi
  # The full check only where it can say yes: its function call costs more than these tests, at every tool call. ip
  # reads its input only when the first word after its options is netns (n, ne...): with `ip -n NS ...`, NS is that word.
  case $1 in
    ip) if [[ $2 == -* ]]; then [[ $3 == -* || $3 == n* ]]; else [[ $2 == n* ]]; fi ;;
    iptables-restore|ip6tables-restore|nft) true ;;
    *) false ;;
  esac && if __nslab_reads_stdin "$@"; then
    local __nslab_in
    IFS= read -r -d '' __nslab_in
    set -- "$1" "--nslab-stdin=$__nslab_in" "${@:2}"
  fi
  if [[ ${__nslab_pid-} != "$BASHPID" ]]; then
    [[ -n ${NSLAB_TOOLS_PORT-} ]] || read -r NSLAB_TOOLS_PORT < /run/nslab-tools/port
    exec {__nslab_fd}<>"/dev/tcp/127.0.0.1/$NSLAB_TOOLS_PORT" || {
      echo "nslab script: $1: the simulator cannot be reached" >&2
      return 126
    }
    __nslab_pid=$BASHPID
  fi
  # where in the script: the outermost call's line (a call inside a function names the function's call)
  printf '%s\0' nslab1 "${NSLAB_NETNS-}" "$PWD" "${BASH_SOURCE[-1]}" "${BASH_LINENO[-2]}" "$#" "$@" >&"$__nslab_fd" || {
    __nslab_pid=
    echo "nslab script: $1: the simulator is gone" >&2
    return 126
  }
  # each frame: a letter, 8 digits (the length of its text in bytes, or x's exit status), then the text; read -N
  # reads them in bulk where read -d '' would read a byte per read(2), and LC_ALL=C makes it count bytes
  local __nslab_h __nslab_len
  while IFS= read -r -N 9 -u "$__nslab_fd" __nslab_h && [[ ${#__nslab_h} -eq 9 ]]; do
    __nslab_len=$((10#${__nslab_h:1}))
    __nslab_f=
    if [[ $__nslab_h != [xar]* && $__nslab_len -gt 0 ]]; then
      LC_ALL=C IFS= read -r -N "$__nslab_len" -u "$__nslab_fd" __nslab_f || break
    fi
    case $__nslab_h in
      x*) return "$__nslab_len" ;;
      o*) printf '%s' "$__nslab_f" ;;
      e*) printf '%s' "$__nslab_f" >&2 ;;
      w*) local -a __nslab_w; __nslab_w+=("$__nslab_f") ;;
      n*) local -a __nslab_n; __nslab_n+=("$__nslab_f") ;;
      m*) (umask 0333 && : >|"$__nslab_f") 2>/dev/null ;; # a namespace's file, as ToolServer's m frame asks
      r*) __nslab_enter "${__nslab_n[0]}" "${__nslab_w[@]}"; return ;;
      a*)
        for __nslab_f in "${__nslab_n[@]}"; do
          printf '\nnetns: %s\n' "$__nslab_f"
          __nslab_enter "$__nslab_f" "${__nslab_w[@]}"
        done
        return 0 ;;
    esac
  done
  __nslab_pid=
  echo "nslab script: $1: the simulator is gone" >&2
  return 126
}

# __nslab_enter NS CMD...: ip netns exec for a program the simulator does not run: in a mount namespace
# of its own, where /proc/sys/net is NS's, with the tools bound to NS.
__nslab_enter() {
  unshare --mount --propagation private -- /bin/bash /run/nslab-tools/enter "$@"
}

# cat: writing a file under /proc/sys/net changes others (echo 1 > ip_forward turns conf/all/forwarding on). The
# simulator learns of the write from inotify at once, but its answer could come after the cat a script starts right
# away; so on the simulator's side a cat of such a file first asks the simulator to catch up, as every tool call does.
# Elsewhere (the kernel's side of --compare) it is cat as it is. (sudo cat ... comes here too: see sudo.)
cat() {
  __nslab_cat "$@"
}
__nslab_cat() {
  { local -; set +exu; } 2>&-
  if [[ -e /run/nslab-tools/port || -S /run/nslab-tools/socket ]]; then
    local __nslab_a
    for __nslab_a in "$@"; do
      if [[ $__nslab_a == /proc/sys/net* || ($__nslab_a != /* && $PWD == /proc/sys/net*) ]]; then
        __nslab_tool __nslab_settle
        break
      fi
    done
  fi
  command cat "$@"
}

# sudo: the sandbox's shell already runs as root, and a real sudo cannot work in it (its setuid bit and its
# files belong to a user the sandbox does not have); options are accepted and the command runs as a program, as
# sudo runs it: never the script's own function of that name (a script's `ip() { sudo ip "$@"; }` would call itself
# for ever), but the tools' builtin, or the program, which is the tool shim where the tool is the simulator's.
sudo() {
  { local -; set +exu; } 2>&-
  local __nslab_shell=
  while [[ $# -gt 0 ]]; do
    case $1 in
      --) shift; break ;;
      -u|-g|-C|-p|-U|-h|-D|-r|-t|-T|--user|--group|--prompt|--chdir|--role|--type|--close-from|--other-user|--host)
        shift 2 ;;
      -i|-s|--login|--shell) __nslab_shell=1; shift ;;
      --*=*|-[!-]*) shift ;;
      --*) shift ;;
      *) break ;;
    esac
  done
  if [[ $# -eq 0 ]]; then
    if [[ -n $__nslab_shell ]]; then
      "${SHELL:-/bin/bash}"
      return
    fi
    echo "usage: sudo -h | -K | -k | -V" >&2
    return 1
  fi
  if [[ -n $__nslab_shell ]]; then
    "${SHELL:-/bin/bash}" -c "$*"
    return
  fi
  if [[ $1 == cat ]]; then
    shift
    __nslab_cat "$@"
    return
  fi
  command "$@"
}

# nsenter --net=/run/netns/NAME CMD... (or -n/--net FILE): ip netns exec NAME CMD...
nsenter() {
  { local -; set +exu; } 2>&-
  local __nslab_file= __nslab_other=
  while [[ $# -gt 0 ]]; do
    case $1 in
      --) shift; break ;;
      --net=*) __nslab_file=${1#--net=}; shift ;;
      -n?*) __nslab_file=${1#-n}; shift ;;
      -n|--net) if [[ ${2-} == /* ]]; then __nslab_file=$2; shift; fi; shift ;;
      -*) __nslab_other+=" $1"; shift ;;
      *) break ;;
    esac
  done
  if [[ -n $__nslab_other || -z $__nslab_file ]]; then
    echo "nslab script: nsenter:${__nslab_other:- without --net=FILE}: the simulator enters only network namespaces, by file (--net=/run/netns/NAME)" >&2
    return 1
  fi
  if [[ $__nslab_file != /run/netns/* && $__nslab_file != /var/run/netns/* ]]; then
    echo "nsenter: cannot open $__nslab_file: No such file or directory" >&2
    return 1
  fi
  if [[ ! -e $__nslab_file ]]; then
    echo "nsenter: cannot open $__nslab_file: No such file or directory" >&2
    return 1
  fi
  [[ $# -gt 0 ]] || set -- "${SHELL:-/bin/bash}"
  __nslab_tool ip netns exec "${__nslab_file##*/}" "$@"
}

# ping without -c or -w, on the kernel's side: interrupted half a second before NSLAB_INTERRUPT_AFTER
# seconds, as a person pressing Ctrl-C would, so that both worlds send the same number of requests.
__nslab_kernel_ping() {
  local __nslab_a __nslab_bounded= __nslab_value= __nslab_j __nslab_c
  for __nslab_a in "$@"; do
    if [[ -n $__nslab_value ]]; then __nslab_value=; continue; fi
    [[ $__nslab_a == -?* && $__nslab_a != --* ]] || continue
    for ((__nslab_j = 1; __nslab_j < ${#__nslab_a}; __nslab_j++)); do
      __nslab_c=${__nslab_a:__nslab_j:1}
      case $__nslab_c in
        c|w) __nslab_bounded=1 ;;&
        c|w|e|F|i|I|l|m|M|N|p|Q|s|S|t|T|W)
          [[ $((__nslab_j + 1)) -lt ${#__nslab_a} ]] || __nslab_value=1
          break ;;
      esac
    done
  done
  # found through PATH, so that ping names itself "ping" in its messages, as it would at the terminal
  if [[ -n $__nslab_bounded ]]; then
    PATH=/run/nslab-tools/real command ping "$@"
  else
    PATH=/run/nslab-tools/real timeout --preserve-status -s INT "$((${NSLAB_INTERRUPT_AFTER:-4} - 1)).5" ping "$@"
  fi
}

# ip on the kernel's side. The kernel destroys a deleted namespace later, from a work queue (cleanup_net), so
# right after `ip netns delete NS` the peers in the caller's namespace of NS's veths are still listed, for a few
# milliseconds (1 run in 50 here): a script that looks at once sees one state or the other. The simulator models
# the settled state, so the kernel's side of --compare returns from a namespace deletion only once those peers
# are gone (at most 2 s); everything else is the real ip as it is.
__nslab_kernel_ip() {
  local __nslab_a __nslab_netns= __nslab_del= __nslab_all= __nslab_l __nslab_n
  local -a __nslab_names=() __nslab_peers=()
  for __nslab_a in "$@"; do
    if [[ -n $__nslab_del ]]; then
      __nslab_names+=("$__nslab_a")
    elif [[ -n $__nslab_netns ]]; then
      case $__nslab_a in
        d|de|del|dele|delet|delete) __nslab_del=1 ;;
        *) break ;;
      esac
    elif [[ $__nslab_a == netns ]]; then
      __nslab_netns=1
    elif [[ $__nslab_a == -all || $__nslab_a == --all || $__nslab_a == -a ]]; then
      __nslab_all=1
    elif [[ $__nslab_a != -* ]]; then
      break
    fi
  done
  if [[ -n $__nslab_del ]]; then
    [[ -n $__nslab_all ]] && __nslab_names=('[^ ]+')
    while IFS= read -r __nslab_l; do
      for __nslab_n in "${__nslab_names[@]}"; do
        # "7: veth0@if6: <...> ... link-netns NS": index and name
        [[ $__nslab_l =~ ^([0-9]+):\ ([^:@]+)[^:]*:.*\ link-netns\ $__nslab_n(\ |$) ]] &&
          __nslab_peers+=("${BASH_REMATCH[1]}:${BASH_REMATCH[2]}")
      done
    done < <(/run/nslab-tools/real/ip -o link show 2>/dev/null)
  fi
  /run/nslab-tools/real/ip "$@"
  local __nslab_status=$?
  for __nslab_l in "${__nslab_peers[@]}"; do
    for ((__nslab_a = 0; __nslab_a < 200; __nslab_a++)); do
      __nslab_n=$(/run/nslab-tools/real/ip -o link show dev "${__nslab_l#*:}" 2>/dev/null)
      [[ $__nslab_n == "${__nslab_l%%:*}:"* ]] || break
      sleep 0.01
    done
  done
  return $__nslab_status
}
