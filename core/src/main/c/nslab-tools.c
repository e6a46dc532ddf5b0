/*
 * nslab script's networking tools as one bash loadable builtin: `enable -f nslab-tools.so ip route ...` (see
 * builtins.bash, written by ToolFiles.java). A call sends its argv, with the caller's namespace, working directory
 * and place in the script, over one connection per process to the simulator's tool server (ToolServer.java), in one
 * write(2); it reads the framed answer and writes stdout and stderr to fds 1 and 2, and its status is the tool's.
 * The same protocol as tools.bash's __nslab_tool, which stays the path wherever this file is not loaded: a call
 * costs 3 system calls here against some 25 through the function and its redirections (docs/benchmarks.md).
 *
 * Built by build.sh in the Maven build where gcc and bash's headers (Debian: bash-builtins) are installed.
 */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>

#include "builtins.h"
#include "shell.h"
#include "common.h"
#include "execute_cmd.h"
#include "version.h"

extern int echo_command_at_execute, exit_immediately_on_error, unbound_vars_is_error;

/* this process's connection; a forked subshell opens its own (both writing to one would interleave their calls) */
static int conn = -1;

/* The server serves this process's calls from one CPU and names it (a 'p' frame before the first answer of a connection,
   ToolServer.java); for its calls this process runs there too. A call and its answer then pass the CPU from one to the
   other, where on two CPUs each would wake the other from idle, which in a virtual machine costs more than the call
   itself. The script's own shell keeps that CPU from call to call (moving back and forth around each call cost the
   1000-host star 12% of its time) and gives its CPUs back before every fork(2), so that every program and subshell it
   starts has the CPUs it had. A subshell or a `bash -c` moves back after each call instead: bash runs the last command
   of either without a fork, and that program must not inherit the one CPU. What does: a program the script's shell
   becomes by `exec PROG` after a call (nproc then prints 1; docs/cli.md). */
static int serve_cpu = -1;
static cpu_set_t unpinned;
static int pinned;

static void pin(void) {
  cpu_set_t one;
  if (pinned || serve_cpu < 0 || sched_getaffinity(0, sizeof unpinned, &unpinned) < 0) return;
  CPU_ZERO(&one);
  CPU_SET(serve_cpu, &one);
  if (sched_setaffinity(0, sizeof one, &one) == 0) pinned = 1;
}

static void unpin(void) {
  if (pinned) sched_setaffinity(0, sizeof unpinned, &unpinned);
  pinned = 0;
}

/* Once the server finds this connection's calls warm, it asks (an 's' frame naming another CPU) that the shell run there
   and, after each call, try for an answer for up to this many microseconds before it sleeps in read(2); the server
   does the same for the next call (SpinningChannel.java). A call then passes from one CPU to the other with neither
   asleep: 4.6 us a round trip on this kind of virtual machine, where one CPU that both block on takes 11.5 us and two
   that block 58 us. 0: read(2) at once. */
static long spin_us = 0;

/* 1: this process keeps the CPU between calls (the script's shell); 0: only for each call; -1: not known yet */
static int keep = -1;

static void after_call(void) {
  if (keep < 0) keep = get_string_value("BASH_EXECUTION_STRING") == 0; /* set in a `bash -c` */
  if (!keep) unpin();
}

/* in a child of fork(2) (a subshell, a pipeline's part, a program ip netns exec runs): the parent's connection is not
   this process's, nor the CPU of its call. A handler, not a getpid(2) per call: a system call costs a microsecond in a
   virtual machine. glibc drops it when bash unloads the builtin (enable -d). */
static void forget_connection(void) {
  if (conn >= 0) close(conn);
  conn = -1;
  unpin();
  serve_cpu = -1;
  spin_us = 0;
  keep = 0; /* a subshell */
}

__attribute__((constructor)) static void on_load(void) {
  pthread_atfork(unpin, 0, forget_connection);
}

typedef struct {
  char *p;
  size_t n, cap;
} bytes;

static void room(bytes *b, size_t more) {
  if (b->n + more > b->cap) {
    b->cap = (b->n + more) * 2 + 4096;
    b->p = xrealloc(b->p, b->cap);
  }
}

static void add(bytes *b, const char *s, size_t n) {
  room(b, n);
  memcpy(b->p + b->n, s, n);
  b->n += n;
}

/* a NUL-terminated field (an unset variable is an empty one) */
static void field(bytes *b, const char *s) {
  s = s ? s : "";
  add(b, s, strlen(s) + 1);
}

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    n -= (size_t) w;
  }
  return 0;
}

/* the simulator's Unix socket where the sandbox shows one (NSLAB_TOOLS_SOCKET: the simulator runs outside the
   sandbox, whose network is its own), else its loopback port as tools.bash finds it: the environment's, else the
   file the simulator wrote */
static int connect_server(void) {
  int fd;
  const char *path = get_string_value("NSLAB_TOOLS_SOCKET");
  if (!path || !*path) { /* a process whose environment was emptied (env -i) finds it where the prelude does */
    struct stat st;
    if (stat("/run/nslab-tools/socket", &st) == 0 && S_ISSOCK(st.st_mode)) path = "/run/nslab-tools/socket";
  }
  if (path && *path) {
    struct sockaddr_un u = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof u.sun_path) return -1;
    strcpy(u.sun_path, path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (connect(fd, (struct sockaddr *) &u, sizeof u) < 0) {
      close(fd);
      return -1;
    }
  } else {
    char port[32] = "";
    const char *p = get_string_value("NSLAB_TOOLS_PORT");
    if (p && *p) {
      snprintf(port, sizeof port, "%s", p);
    } else {
      FILE *f = fopen("/run/nslab-tools/port", "r");
      if (f) {
        if (!fgets(port, sizeof port, f)) port[0] = 0;
        fclose(f);
      }
    }
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short) atoi(port))};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *) &a, sizeof a) < 0) {
      close(fd);
      return -1;
    }
  }
  /* out of the script's way: far above the fds scripts name (3-9, a flock's 200, bash's own from 10 up and 255), since a
     script's `exec N>file` on this one would take it over; near the top of the soft limit, as bash's own would be */
  struct rlimit lim;
  int base = 900;
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY && lim.rlim_cur < 1024)
    base = lim.rlim_cur > 300 ? (int) lim.rlim_cur - 100 : 10;
  int high = fcntl(fd, F_DUPFD_CLOEXEC, base);
  close(fd);
  return high;
}

static int one_of(const char *s, const char *const *words) {
  for (; *words; words++)
    if (!strcmp(s, *words)) return 1;
  return 0;
}

/* What this call reads besides its words: its standard input (1; tools.bash's __nslab_reads_stdin, word for word),
   or a file it names (0, with *file set: nft -f FILE, iptables-restore FILE), or nothing (0). The builtin reads either
   and sends it along: a simulator outside the sandbox (ScriptSimulator.java) must see the script's file, never its own. */
static int reads(char **v, int c, const char **file) {
  static const char *const restore[] = {"iptables-restore", "ip6tables-restore", 0};
  static const char *const valued[] = {"-T", "--table", "-M", "--modprobe", "-W", "--wait-interval", 0};
  static const char *const netns[] = {"n", "ne", "net", "netn", "netns", 0};
  static const char *const exec[] = {"e", "ex", "exe", "exec", 0};
  *file = 0;
  if (one_of(v[0], restore)) {
    for (int i = 1; i < c;) {
      if (one_of(v[i], valued)) i += 2;
      else if (!strcmp(v[i], "-")) return 1;
      else if (v[i][0] == '-') i++;
      else {
        *file = v[i];
        return 0;
      }
    }
    return 1;
  }
  if (!strcmp(v[0], "nft")) {
    for (int i = 1; i + 1 < c; i++) {
      if (!strcmp(v[i], "-f") || !strcmp(v[i], "--file")) {
        if (!strcmp(v[i + 1], "-") || (!strcmp(v[i], "-f") && !strcmp(v[i + 1], "/dev/stdin"))) return 1;
        *file = v[i + 1];
        return 0;
      }
    }
    return 0;
  }
  if (!strcmp(v[0], "ip")) { /* ip netns exec NS TOOL ...: TOOL reads what ip was given */
    int i = 1, all = 0;
    for (; i < c && v[i][0] == '-'; i++)
      if (!strcmp(v[i], "-a") || !strcmp(v[i], "-all")) all = 1;
    if (i + 1 >= c || !one_of(v[i], netns) || !one_of(v[i + 1], exec)) return 0;
    i += all ? 2 : 3;
    return i < c && reads(v + i, c - i, file);
  }
  return 0;
}

/* a file's text up to a NUL, or -1 where it cannot be read (the tool then says so) */
static int read_file(const char *path, bytes *into) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char chunk[65536];
  ssize_t r;
  while ((r = read(fd, chunk, sizeof chunk)) != 0) {
    if (r < 0) {
      if (errno == EINTR) continue;
      close(fd);
      return -1;
    }
    add(into, chunk, (size_t) r);
  }
  close(fd);
  into->n = into->p ? strnlen(into->p, into->n) : 0;
  return 0;
}

/* where in the script: BASH_SOURCE[-1] and the outermost call's line, as the function path sends them */
static void position(bytes *b) {
  SHELL_VAR *s = find_variable("BASH_SOURCE"), *l = find_variable("BASH_LINENO");
  char *source = 0, *line = 0, here[32];
  if (s && array_p(s) && array_num_elements(array_cell(s)) > 0)
    source = array_reference(array_cell(s), array_max_index(array_cell(s)));
  if (l && array_p(l) && array_num_elements(array_cell(l)) >= 2)
    line = array_reference(array_cell(l), array_max_index(array_cell(l)) - 1);
  if (!line) { /* not inside a function: this command's own line */
    snprintf(here, sizeof here, "%d", executing_line_number());
    line = here;
  }
  field(b, source);
  field(b, line);
}

static void drop_connection(void) {
  if (conn >= 0) close(conn);
  conn = -1;
  spin_us = 0;
}

static long micros(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long) t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* what arrived within spin_us without sleeping: > 0 bytes, 0 the end, -1 an error, -2 nothing yet (read(2) then waits) */
static ssize_t spin_read(char *into, size_t room_left) {
  long until = micros() + spin_us;
  do {
    ssize_t r = recv(conn, into, room_left, MSG_DONTWAIT);
    if (r >= 0) return r;
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
    if (interrupt_state || terminating_signal) return -2; /* read(2) sees the signal's EINTR */
  } while (micros() < until);
  return -2;
}

static int gone(const char *name) {
  drop_connection();
  fflush(stdout);
  fprintf(stderr, "nslab script: %s: the simulator is gone\n", name);
  fflush(stderr);
  return 126;
}

/* reads until b holds `want` bytes from `at`; an interrupt (Ctrl-C, the time limit) ends the call and its connection */
static int fill(bytes *b, size_t at, size_t want) {
  while (b->n - at < want) {
    room(b, want + 65536);
    ssize_t r = spin_us > 0 ? spin_read(b->p + b->n, b->cap - b->n) : -2;
    if (r == -2) r = read(conn, b->p + b->n, b->cap - b->n);
    if (r < 0 && errno == EINTR) {
      if (interrupt_state || terminating_signal) {
        drop_connection(); /* the answer's rest would be taken for the next call's */
        unpin();           /* QUIT leaves the builtin without its return */
        QUIT;
      }
      continue;
    }
    if (r <= 0) return -1;
    b->n += (size_t) r;
  }
  return 0;
}

/* __nslab_enter NS WORDS...: a program ip netns exec runs, with -x, -e and -u off, as tools.bash calls it */
static int enter(const char *ns, WORD_LIST *words) {
  SHELL_VAR *f = find_function("__nslab_enter");
  if (!f) {
    builtin_error("the simulator's __nslab_enter is not defined");
    return 126;
  }
  WORD_LIST *w = make_word_list(make_word("__nslab_enter"), make_word_list(make_word(ns), copy_word_list(words)));
  int x = echo_command_at_execute, e = exit_immediately_on_error, u = unbound_vars_is_error;
  echo_command_at_execute = exit_immediately_on_error = unbound_vars_is_error = 0;
  int status = execute_shell_function(f, w);
  echo_command_at_execute = x;
  exit_immediately_on_error = e;
  unbound_vars_is_error = u;
  dispose_words(w);
  return status;
}

static int answer(const char *name, bytes *b);

static int nslab_tool_builtin(WORD_LIST *list) {
  const char *name = this_command_name;
  int c = 1;
  for (WORD_LIST *l = list; l; l = l->next) c++;
  char **v = xmalloc(sizeof(char *) * (size_t) (c + 1));
  v[0] = (char *) name;
  int i = 1;
  for (WORD_LIST *l = list; l; l = l->next) v[i++] = l->word->word;
  v[c] = 0;

  bytes in = {0};
  bytes file = {0};
  const char *file_name = 0;
  int with_stdin = (name[0] == 'i' || name[0] == 'n') && reads(v, c, &file_name);
  int with_file = file_name && read_file(file_name, &file) == 0;
  if (with_stdin) { /* read -d '': up to the end or a NUL */
    char chunk[65536];
    ssize_t r;
    while ((r = read(0, chunk, sizeof chunk)) != 0) {
      if (r < 0) {
        if (errno == EINTR) {
          QUIT;
          continue;
        }
        break;
      }
      add(&in, chunk, (size_t) r);
    }
    in.n = in.p ? strnlen(in.p, in.n) : 0;
  }

  if (conn < 0) {
    conn = connect_server();
    if (conn < 0) {
      free(v);
      free(in.p);
      fprintf(stderr, "nslab script: %s: the simulator cannot be reached\n", name);
      fflush(stderr);
      return 126;
    }
  }

  bytes b = {0};
  char argc[32];
  field(&b, "nslab1");
  field(&b, get_string_value("NSLAB_NETNS"));
  field(&b, get_string_value("PWD"));
  position(&b);
  snprintf(argc, sizeof argc, "%d", c + with_file + with_stdin);
  field(&b, argc);
  field(&b, name);
  if (with_file) {
    add(&b, "--nslab-file=", 13);
    add(&b, file.p ? file.p : "", file.n);
    add(&b, "", 1);
  }
  free(file.p);
  if (with_stdin) {
    add(&b, "--nslab-stdin=", 14);
    add(&b, in.p ? in.p : "", in.n);
    add(&b, "", 1);
  }
  for (i = 1; i < c; i++) field(&b, v[i]);
  free(v);
  free(in.p);
  fflush(stdout); /* what bash's own builtins left buffered comes first */
  pin();
  int status = write_all(conn, b.p, b.n) < 0 ? gone(name) : answer(name, &b);
  after_call();
  free(b.p);
  return status;
}

/*
 * ToolServer's m frame: a namespace's file, as ip netns add leaves one (empty, r--r--r--), made by the caller as the
 * sandbox's root, in place of whatever the script put there; no link followed. Where it cannot be made, nothing: the
 * simulator's namespace is what counts.
 */
static void make_file(const char *text, long len) {
  char path[PATH_MAX];
  if (len <= 0 || len >= (long) sizeof path) return;
  memcpy(path, text, (size_t) len);
  path[len] = 0;
  int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
  int fd = open(path, flags, 0444);
  if (fd < 0 && errno == EEXIST && unlink(path) == 0) fd = open(path, flags, 0444);
  if (fd < 0) return;
  fchmod(fd, 0444); /* whatever the script's umask */
  close(fd);
}

/* the answer's frames: a letter, eight digits (the text's length, or x's status) and the text */
static int answer(const char *name, bytes *b) {
  b->n = 0;
  size_t at = 0;
  WORD_LIST *words = 0, *netns = 0;
  for (;;) {
    if (fill(b, at, 9) < 0) break;
    char kind = b->p[at];
    long len = 0;
    for (int i = 1; i < 9; i++) len = len * 10 + (b->p[at + i] - '0');
    at += 9;
    if (kind == 'x') return (int) len;
    if (kind == 'r' || kind == 'a') { /* ip netns exec of a program the simulator does not run: the shell runs it */
      WORD_LIST *w = REVERSE_LIST(words, WORD_LIST *), *n = REVERSE_LIST(netns, WORD_LIST *);
      int status = 0;
      if (kind == 'r') {
        status = enter(n ? n->word->word : "", w);
      } else {
        for (WORD_LIST *each = n; each; each = each->next) {
          printf("\nnetns: %s\n", each->word->word);
          fflush(stdout);
          enter(each->word->word, w);
        }
      }
      dispose_words(w);
      dispose_words(n);
      return status;
    }
    if (fill(b, at, (size_t) len) < 0) break;
    if (kind == 'p' || kind == 's') {
      int cpu = 0;
      for (long i = 0; i < len && i < 6; i++) cpu = cpu * 10 + (b->p[at + i] - '0');
      if (kind == 's') unpin(); /* from the server's CPU to the one named */
      if (cpu < CPU_SETSIZE) serve_cpu = cpu;
      pin();
      if (kind == 's') spin_us = 50; /* ToolServer.SPIN_NANOS, the server's own try */
    } else if (kind == 'm') make_file(b->p + at, len);
    else if (kind == 'o') write_all(1, b->p + at, (size_t) len);
    else if (kind == 'e') write_all(2, b->p + at, (size_t) len);
    else if (kind == 'w' || kind == 'n') {
      char *text = xmalloc((size_t) len + 1);
      memcpy(text, b->p + at, (size_t) len);
      text[len] = 0;
      WORD_DESC *d = make_bare_word(text);
      free(text);
      if (kind == 'w') words = make_word_list(d, words);
      else netns = make_word_list(d, netns);
    }
    at += (size_t) len;
  }
  dispose_words(words);
  dispose_words(netns);
  return gone(name);
}

/* loaded only into the bash it was built for: the structures it reads (arrays, word lists) are that version's */
static int same_bash(void) {
  return !strcmp(dist_version, DISTVERSION);
}

static char *tool_doc[] = {"A networking tool of nslab's simulator (nslab script).", (char *) NULL};

/* one struct per tool: bash finds NAME_struct and NAME_builtin_load; names such as iptables-restore need asm labels */
#define TOOL(id, name)                                                                                            \
  struct builtin id##_struct __asm__("\"" name "_struct\"") = {name, nslab_tool_builtin, BUILTIN_ENABLED, tool_doc, \
                                                               name " [ARGS...]", 0};                             \
  int id##_load(char *s) __asm__("\"" name "_builtin_load\"");                                                    \
  int id##_load(char *s) {                                                                                        \
    (void) s;                                                                                                     \
    return same_bash();                                                                                           \
  }
TOOL(ip, "ip")
TOOL(route, "route")
TOOL(sysctl, "sysctl")
TOOL(ping, "ping")
TOOL(traceroute, "traceroute")
TOOL(tc, "tc")
TOOL(brctl, "brctl")
TOOL(bridge, "bridge")
TOOL(ifconfig, "ifconfig")
TOOL(arp, "arp")
TOOL(ethtool, "ethtool")
TOOL(iptables, "iptables")
TOOL(ip6tables, "ip6tables")
TOOL(iptables_save, "iptables-save")
TOOL(ip6tables_save, "ip6tables-save")
TOOL(iptables_restore, "iptables-restore")
TOOL(ip6tables_restore, "ip6tables-restore")
TOOL(nft, "nft")
TOOL(settle, "__nslab_settle") /* cat's call before it reads /proc/sys/net (tools.bash): the files brought in step */
