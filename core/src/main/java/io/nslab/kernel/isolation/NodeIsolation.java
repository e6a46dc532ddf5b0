package io.nslab.kernel.isolation;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.Hostname;
import io.nslab.model.Isolation;
import io.nslab.model.NamespaceKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The namespaces of one node besides its network namespace, held like iproute2 holds network
 * namespaces: by bind mounts of their {@code /proc/PID/ns/*} files under
 * {@code /run/nslab/<lab>/nodes/<node>/}. A node with its own PID namespace also has a small init
 * as PID 1 (it reaps orphans; killing it ends every process of the node), whose PID and start time
 * are kept in {@code holder} so teardown never kills a stranger that reused the PID.
 */
public final class NodeIsolation {
    /** Perl is part of every Debian and Ubuntu system (perl-base is essential); wait() reaps any child. */
    static final String INIT = "$SIG{TERM} = sub { exit 0 }; while (1) { sleep 1 if wait() == -1 }";

    /**
     * Joins the node's cgroups and records the holder, then becomes nsenter and the unshare command. Arguments:
     * the holder file (empty for none), the network namespace file, the log file, the number N of cgroup.procs
     * files, those N files, then the unshare command line. The holder outlives this command: it must not keep
     * our output pipe open.
     */
    static final String START = String.join("\n",
            "holder=$1 netns=$2 log=$3 n=$4",
            "shift 4",
            "while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\"; shift; n=$((n - 1)); done",
            "if [ -n \"$holder\" ]; then echo $$ $(cut -d' ' -f22 /proc/$$/stat) > \"$holder\"; fi",
            "exec nsenter --net=\"$netns\" -- \"$@\" </dev/null >/dev/null 2>\"$log\"");

    /** Writes its PID to the first N ("$1") arguments, then execs the rest. */
    private static final String JOIN = String.join("\n",
            "n=$1",
            "shift",
            "while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\"; shift; n=$((n - 1)); done",
            "exec \"$@\"");

    private final Path dir;
    private final String lab;
    private final String node;

    public NodeIsolation(Path labDir, String lab, String node) {
        this.dir = labDir.resolve("nodes").resolve(node);
        this.lab = lab;
        this.node = node;
    }

    public Path directory() {
        return dir;
    }

    /** The file holding a namespace of this kind, if the node has its own. */
    public Optional<Path> file(NamespaceKind kind) {
        Path f = dir.resolve(kind.lsnsName());
        return isNsMount(f) ? Optional.of(f) : Optional.empty();
    }

    /**
     * Creates the namespaces inside the node's network namespace {@code netnsFile}: util-linux
     * {@code unshare} makes and persists them, entered through {@code nsenter --net}. Returns the
     * resource limits in force, in words.
     */
    public List<String> start(Path netnsFile, Isolation isolation, String hostsText) {
        prepareDirectory(dir.getParent());
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("ready"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> limits = List.of();
        List<String> joinCgroup = new ArrayList<>();
        if (isolation.has(NamespaceKind.CGROUP) || !isolation.limits().isEmpty()) {
            NodeCgroup cgroup = new NodeCgroup(CgroupHierarchies.read(), lab, node);
            try {
                cgroup.create();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof java.nio.file.AccessDeniedException denied) {
                    // root of a user namespace (nslab sandbox) owns no cgroup of the host's
                    throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + node + "\": its cgroup namespace and limits need a cgroup of "
                            + "its own, and this root may not make one (" + denied.getFile() + ": permission denied); inside nslab "
                            + "sandbox, cgroups are not delegated: leave out cgroup and limits there");
                }
                throw e;
            }
            limits = cgroup.apply(isolation.limits());
            cgroup.procsFiles().forEach(f -> joinCgroup.add(f.toString()));
            write("cgroup-procs", String.join("\n", joinCgroup) + "\n");
        }
        List<String> unshare = new ArrayList<>(List.of("unshare"));
        for (NamespaceKind k : isolation.kinds()) {
            Path f = dir.resolve(k.lsnsName());
            touch(f);
            unshare.add("--" + switch (k) {
                case UTS -> "uts";
                case IPC -> "ipc";
                case MOUNT -> "mount";
                case PID -> "pid";
                case CGROUP -> "cgroup";
                case TIME -> "time";
                case USER -> "user";
            } + "=" + f);
        }
        boolean user = isolation.has(NamespaceKind.USER);
        if (isolation.has(NamespaceKind.TIME)) {
            unshare.add("--monotonic=" + isolation.monotonicOffset());
            unshare.add("--boottime=" + isolation.boottimeOffset());
        }
        boolean pid = isolation.has(NamespaceKind.PID);
        // A user namespace's uid map can only be written through a process inside it, so a node with
        // one keeps a holder process like a PID namespace's init (unshare's own mapping needs
        // newuidmap and /etc/subuid entries for root, which nslab does not touch).
        boolean holder = pid || user;
        if (holder) {
            unshare.addAll(List.of("--fork", "--kill-child=SIGKILL"));
        }
        if (pid) {
            unshare.add("--mount-proc");
        }
        // Both scripts are constant text; every value (paths, names, the hostname) reaches them as an argument.
        StringBuilder inside = new StringBuilder();
        if (isolation.hostname().isPresent() && !user) {
            // sethostname, not /proc/sys/kernel/hostname: only the host's uid 0 may write that file, and root
            // inside a sandbox is not the host's uid 0
            inside.append("hostname \"$1\"; ");
        }
        if (isolation.has(NamespaceKind.MOUNT)) {
            inside.append("umount -l /sys 2>/dev/null; mount -t sysfs \"$2\" /sys; ");
            if (isolation.hostsFile()) {
                write("hosts", hostsText);
                inside.append("mount --bind \"$3\" /etc/hosts; ");
            }
            if (!isolation.nameservers().isEmpty()) {
                write("resolv.conf", String.join("", isolation.nameservers().stream().map(a -> "nameserver " + a + "\n").toList()));
                inside.append("mount --bind \"$4\" /etc/resolv.conf; ");
            }
        }
        // the namespace files exist as soon as unshare made them; "ready" says the setup inside is done
        // too, written by the init itself once it runs (so PID 1 is the init when up returns)
        inside.append(holder ? "exec perl -e 'open(my $r, \">\", $ARGV[0]); close($r); " + INIT + "' \"$5\"" : ": > \"$5\"; exit 0");
        unshare.addAll(List.of("--", "/bin/sh", "-c", inside.toString(), "nslab-node",
                isolation.hostname().map(Hostname::value).orElse(""), node, dir.resolve("hosts").toString(),
                dir.resolve("resolv.conf").toString(), dir.resolve("ready").toString()));

        List<String> argv = new ArrayList<>(holder ? List.of("setsid", "-f") : List.of());
        argv.addAll(List.of("/bin/sh", "-c", START, "nslab-start", holder ? dir.resolve("holder").toString() : "",
                netnsFile.toString(), dir.resolve("start.log").toString(), Integer.toString(joinCgroup.size())));
        argv.addAll(joinCgroup);
        argv.addAll(unshare);
        Commands.run(argv);
        awaitReady(isolation);
        if (user) {
            mapRootTo(100_000, 65_536);
            // only now is there a root with the right to name the node (its UTS namespace is the user namespace's)
            isolation.hostname().ifPresent(h -> Commands.run(List.of("nsenter", "--user=" + dir.resolve("user"),
                    "--uts=" + dir.resolve("uts"), "--setuid=0", "--setgid=0", "--", "hostname", h.value())));
        }
        return limits;
    }

    /**
     * Maps uid and gid 0..count-1 inside the node's user namespace to {@code outside..} on the host, so that
     * root inside is an unprivileged user outside. Written by us, root in the parent namespace, through
     * the holder (unshare, which is inside the new user namespace).
     */
    private void mapRootTo(int outside, int count) {
        long pid = holder().orElseThrow(() -> new NslabException(ExitCode.ENVIRONMENT, "node \"" + node + "\": no holder process"));
        String map = "0 " + outside + " " + count + "\n";
        try {
            Files.writeString(Path.of("/proc/" + pid + "/uid_map"), map);
            Files.writeString(Path.of("/proc/" + pid + "/gid_map"), map);
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + node + "\": cannot write its uid map: " + e.getMessage());
        }
    }

    /** Ends the node's processes, unmounts its namespaces and removes its cgroups and directory. */
    public void stop() {
        holder().ifPresent(h -> {
            ProcessHandle.of(h).filter(p -> startTime(h).equals(recordedStartTime())).ifPresent(p -> {
                // the holder's child is the node's init (PID 1 of its PID namespace): killing it ends every
                // process of the node. --kill-child would do it when the holder dies, but a credential
                // change in a user namespace clears that death signal, so both are killed here.
                List<ProcessHandle> init = p.children().toList();
                p.destroyForcibly();
                init.forEach(ProcessHandle::destroyForcibly);
                awaitGone(h);
                init.forEach(c -> awaitGone(c.pid()));
            });
        });
        for (NamespaceKind k : NamespaceKind.values()) {
            Path f = dir.resolve(k.lsnsName());
            if (Files.exists(f)) {
                Commands.tryRun(List.of("umount", "-l", f.toString()));
            }
        }
        if (Files.exists(dir.resolve("cgroup-procs"))) {
            new NodeCgroup(CgroupHierarchies.read(), lab, node).remove();
        }
        deleteTree(dir);
    }

    /** nsenter arguments that enter every namespace this node has (the network one included). */
    public List<String> nsenterArgs(Path netnsFile) {
        return nsenterArgs(netnsFile, java.util.Arrays.stream(NamespaceKind.values()).filter(k -> file(k).isPresent()).toList());
    }

    /**
     * nsenter arguments that enter the network namespace and exactly {@code kinds} of the node's, whether
     * their files are there or not: nsenter then fails rather than leave the command in the enclosing one.
     */
    public List<String> nsenterArgs(Path netnsFile, java.util.Collection<NamespaceKind> kinds) {
        List<String> args = new ArrayList<>(List.of("nsenter", "--net=" + netnsFile));
        for (NamespaceKind k : NamespaceKind.values()) {
            if (kinds.contains(k)) {
                args.add("--" + switch (k) {
                    case UTS -> "uts";
                    case IPC -> "ipc";
                    case MOUNT -> "mount";
                    case PID -> "pid";
                    case CGROUP -> "cgroup";
                    case TIME -> "time";
                    case USER -> "user";
                } + "=" + dir.resolve(k.lsnsName()));
            }
        }
        if (kinds.contains(NamespaceKind.USER)) {
            args.addAll(List.of("--setuid=0", "--setgid=0"));
        }
        return args;
    }

    /** The cgroup.procs files a process joins to be in the node's cgroup. */
    public List<String> cgroupProcs() {
        Path f = dir.resolve("cgroup-procs");
        try {
            return Files.exists(f) ? Files.readAllLines(f).stream().filter(s -> !s.isBlank()).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The start of a command line that joins the node's cgroups, from outside its cgroup namespace, and then
     * runs the rest of the command line: a shell that writes its PID to each cgroup.procs file (given to it as
     * arguments) and execs {@code "$@"}.
     */
    public List<String> joinCgroupsThenExec() {
        List<String> procs = cgroupProcs();
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", JOIN, "nslab-join", Integer.toString(procs.size())));
        argv.addAll(procs);
        return argv;
    }

    /** PID of the process that holds the PID namespace's init, if the node has one. */
    public Optional<Long> holder() {
        Path f = dir.resolve("holder");
        try {
            return Files.exists(f) ? Optional.of(Long.parseLong(Files.readString(f).strip().split(" ")[0])) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Waits (at most 2 s) until {@code pid} has exited. Not {@code ProcessHandle.onExit}: the holder is
     * not our child, so it stays a zombie until the host's init reaps it, and the JDK counts a zombie
     * as alive; a zombie has left its namespaces and cgroups, which is all teardown needs.
     */
    private static void awaitGone(long pid) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            String state = state(pid);
            if (state.isEmpty() || state.equals("Z") || state.equals("X")) {
                return;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private String recordedStartTime() {
        try {
            String[] p = Files.readString(dir.resolve("holder")).strip().split(" ");
            return p.length > 1 ? p[1] : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return after[19]; // field 22 overall: starttime
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private void awaitReady(Isolation isolation) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            boolean ready = Files.exists(dir.resolve("ready"))
                    && isolation.kinds().stream().allMatch(k -> isNsMount(dir.resolve(k.lsnsName())));
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                String log = "";
                try {
                    log = Files.exists(dir.resolve("start.log")) ? Files.readString(dir.resolve("start.log")).strip() : "";
                } catch (IOException ignored) {
                    // no more to say
                }
                throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + node + "\": its namespaces did not appear within 10 s"
                        + (log.isEmpty() ? "" : ": " + log));
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NslabException(ExitCode.ENVIRONMENT, "interrupted");
            }
        }
    }

    /** A bind-mounted namespace file lies on nsfs, another device than the directory it is in. */
    static boolean isNsMount(Path f) {
        try {
            return Files.exists(f) && !Files.getAttribute(f, "unix:dev").equals(Files.getAttribute(f.getParent(), "unix:dev"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The nodes directory is bind-mounted on itself with private propagation: the kernel refuses to
     * bind a mount namespace onto a shared mount (it could loop).
     */
    static void prepareDirectory(Path nodes) {
        try {
            Files.createDirectories(nodes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!isMountPoint(nodes)) {
            Commands.run(List.of("mount", "--bind", nodes.toString(), nodes.toString()));
            Commands.run(List.of("mount", "--make-private", nodes.toString()));
        }
    }

    /** Unmounts the nodes directory of a lab once its nodes are gone. */
    public static void releaseDirectory(Path labDir) {
        Path nodes = labDir.resolve("nodes");
        if (isMountPoint(nodes)) {
            Commands.tryRun(List.of("umount", "-l", nodes.toString()));
        }
        deleteTree(nodes);
    }

    static boolean isMountPoint(Path p) {
        try {
            String target = p.toAbsolutePath().normalize().toString();
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().anyMatch(l -> MountInfo.mountPoint(l).equals(target));
        } catch (IOException e) {
            return false;
        }
    }

    private void touch(Path f) {
        try {
            if (!Files.exists(f)) {
                Files.createFile(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            // a namespace file still mounted: cleanup tries again later
        }
    }
}
