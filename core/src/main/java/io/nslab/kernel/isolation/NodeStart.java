package io.nslab.kernel.isolation;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.Hostname;
import io.nslab.model.Isolation;
import io.nslab.model.NamespaceKind;
import io.nslab.netlink.MountPoints;
import io.nslab.netlink.NativeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Makes one node's namespaces. util-linux {@code unshare} makes them, entered into the node's network namespace with
 * {@code nsenter} (a JVM has many threads and cannot enter them itself); nslab then binds each namespace's
 * {@code /proc/PID/ns} file under the node's directory itself, as root of the namespaces nslab runs in, after
 * writing the namespace's inode to the node's record ({@code owned}): a mount there whose inode the record does not
 * name is never nslab's. (unshare's own binding runs inside the new user namespace when the node has one and no
 * mount namespace, and the kernel refuses it: "mount ... /user: Operation not permitted".)
 *
 * <p>The process that made the namespaces keeps them until they are bound: a node with a PID or user namespace
 * keeps it for good (the holder, whose child is the node's init), any other waits until nslab says
 * {@code bound} (10 s at most). Every process carries the node's {@link NodeMarker}.
 */
final class NodeStart {
    /** Perl is part of every Debian and Ubuntu system (perl-base is essential); wait() reaps any child. */
    static final String INIT = "$SIG{TERM} = sub { exit 0 }; while (1) { sleep 1 if wait() == -1 }";

    /**
     * Records its PID and start time, joins the node's cgroups, then becomes nsenter and the unshare command.
     * Arguments: the PID file, the network namespace file, the log file, the number N of cgroup.procs files, those N
     * files, then the unshare command line ($0 is the node's marker). It outlives this command: it must not keep our
     * output open.
     */
    static final String START = String.join("\n",
            "pidfile=$1 netns=$2 log=$3 n=$4",
            "shift 4",
            "exec 2>\"$log\" </dev/null >/dev/null",
            "set -C", // the PID file is new: never write through something put in its place
            "echo $$ $(cut -d' ' -f22 /proc/$$/stat) > \"$pidfile\" || exit 1",
            "set +C",
            "while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 1; shift; n=$((n - 1)); done",
            "exec nsenter --net=\"$netns\" -- \"$@\"");

    private final NodeIsolation node;
    private final NodeDirectory dir;
    private final NodeMarker marker;

    NodeStart(NodeIsolation node, NodeDirectory dir, NodeMarker marker) {
        this.node = node;
        this.dir = dir;
        this.marker = marker;
    }

    /** Makes the namespaces; returns the resource limits in force, in words. */
    List<String> run(Path netnsFile, Isolation isolation, String hostsText) {
        List<String> limits = List.of();
        List<String> joinCgroup = new ArrayList<>();
        if (isolation.has(NamespaceKind.CGROUP) || !isolation.limits().isEmpty()) {
            NodeCgroup cgroup = new NodeCgroup(CgroupHierarchies.read(), marker.instance(), marker.lab(), marker.node());
            try {
                cgroup.create();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof java.nio.file.AccessDeniedException denied) {
                    // root of a user namespace (nslab sandbox) owns no cgroup of the host's
                    throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + marker.node() + "\": its cgroup namespace and limits need a "
                            + "cgroup of its own, and this root may not make one (" + denied.getFile() + ": permission denied); inside "
                            + "nslab sandbox, cgroups are not delegated: leave out cgroup and limits there");
                }
                throw e;
            }
            limits = cgroup.apply(isolation.limits());
            cgroup.procsFiles().forEach(f -> joinCgroup.add(f.toString()));
        }
        for (NamespaceKind k : isolation.kinds()) {
            dir.createFile(k.lsnsName(), "");
        }
        boolean user = isolation.has(NamespaceKind.USER);
        boolean pid = isolation.has(NamespaceKind.PID);
        // A user namespace's uid map can only be written through a process inside it, so a node with one keeps a
        // holder process like a PID namespace's init (unshare's own mapping needs newuidmap and /etc/subuid entries
        // for root, which nslab does not touch).
        boolean holder = pid || user;
        List<String> unshare = new ArrayList<>();
        OptionalInt cpu = isolation.has(NamespaceKind.MOUNT) ? MountNamespaceCpu.choose() : OptionalInt.empty();
        cpu.ifPresent(c -> unshare.addAll(List.of("taskset", "-c", Integer.toString(c))));
        unshare.add("unshare");
        for (NamespaceKind k : isolation.kinds()) {
            unshare.add("--" + option(k));
        }
        if (isolation.has(NamespaceKind.TIME)) {
            unshare.add("--monotonic=" + isolation.monotonicOffset());
            unshare.add("--boottime=" + isolation.boottimeOffset());
        }
        if (holder) {
            unshare.addAll(List.of("--fork", "--kill-child=SIGKILL"));
        }
        if (pid) {
            unshare.add("--mount-proc");
        }
        unshare.addAll(List.of("--", "/bin/sh", "-c", inside(isolation, hostsText, holder), marker.argument(),
                isolation.hostname().map(Hostname::value).orElse(""), marker.node(), dir.path().resolve("hosts").toString(),
                dir.path().resolve("resolv.conf").toString(), dir.path().resolve("ready").toString(),
                dir.path().resolve("bound").toString()));

        String pidFile = holder ? NodeIsolation.HOLDER : NodeIsolation.PROCESS;
        List<String> argv = new ArrayList<>(holder ? List.of("setsid", "-f") : List.of());
        argv.addAll(List.of("/bin/sh", "-c", START, marker.argument(), dir.path().resolve(pidFile).toString(), netnsFile.toString(),
                dir.path().resolve("start.log").toString(), Integer.toString(joinCgroup.size())));
        argv.addAll(joinCgroup);
        argv.addAll(unshare);
        Process started = launch(argv);
        if (holder) {
            await(started, 30_000, "setsid");
            if (started.exitValue() != 0) {
                throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + marker.node() + "\": setsid failed (exit " + started.exitValue() + ")");
            }
        }
        NodeProcesses.Marked maker = awaitReady(isolation, holder ? null : started, pidFile);
        bind(isolation, maker);
        if (user) {
            long subordinate = io.nslab.rootless.RootlessLaunch.inside().isPresent() ? io.nslab.rootless.RootlessLaunch.subordinateIds() : 0;
            if (subordinate > 0) {
                // a rootless lab with the user's subordinate range (1.. inside): root in the node is its first uid
                mapRootTo(maker, 1, (int) Math.min(subordinate, io.nslab.rootless.SubordinateIds.NODE_IDS));
            } else if (io.nslab.rootless.RootlessLaunch.inside().isPresent()) {
                // a rootless lab's user namespace has one uid, the user's own: root in the node is that user too
                mapRootTo(maker, 0, 1);
            } else {
                mapRootTo(maker, 100_000, 65_536);
            }
            // only now is there a root with the right to name the node (its UTS namespace is the user namespace's)
            isolation.hostname().ifPresent(h -> Commands.run(java.util.stream.Stream.of(List.of("nsenter", "--user=" + dir.path().resolve("user"),
                    "--uts=" + dir.path().resolve("uts")), rootOptions(), List.of("--", "hostname", h.value())).flatMap(List::stream).toList()));
        }
        if (!holder) {
            dir.createFile("bound", "");
            await(started, 10_000, "unshare");
        }
        dir.createFile(NodeIsolation.STARTED, "");
        return limits;
    }

    static String option(NamespaceKind k) {
        return switch (k) {
            case UTS -> "uts";
            case IPC -> "ipc";
            case MOUNT -> "mount";
            case PID -> "pid";
            case CGROUP -> "cgroup";
            case TIME -> "time";
            case USER -> "user";
        };
    }

    /**
     * The node's setup, run inside its new namespaces by {@code /bin/sh -c} ($0 the marker; $1 hostname, $2 node,
     * $3 hosts file, $4 resolv.conf, $5 ready file, $6 bound file). Constant text: every value is an argument.
     */
    private String inside(Isolation isolation, String hostsText, boolean holder) {
        StringBuilder inside = new StringBuilder();
        if (isolation.hostname().isPresent() && !isolation.has(NamespaceKind.USER)) {
            // sethostname, not /proc/sys/kernel/hostname: only the host's uid 0 may write that file, and root
            // inside a sandbox is not the host's uid 0
            inside.append("hostname \"$1\"; ");
        }
        if (isolation.has(NamespaceKind.MOUNT)) {
            inside.append("umount -l /sys 2>/dev/null; mount -t sysfs \"$2\" /sys; ");
            if (isolation.hostsFile()) {
                dir.createFile("hosts", hostsText);
                inside.append("mount --bind \"$3\" /etc/hosts; ");
            }
            if (!isolation.nameservers().isEmpty()) {
                dir.createFile("resolv.conf", String.join("", isolation.nameservers().stream().map(a -> "nameserver " + a + "\n").toList()));
                inside.append("mount --bind \"$4\" /etc/resolv.conf; ");
            }
        }
        // "ready" says the setup inside is done, written by the init itself once it runs (so PID 1 is the init when up
        // returns); a node without one waits (10 s at most) until nslab has bound its namespaces
        inside.append(holder ? "exec perl -e 'open(my $r, \">\", $ARGV[0]); close($r); " + INIT + "' \"$5\" \"$0\""
                : ": > \"$5\"; exec perl -e 'for (1 .. 1000) { last if -e $ARGV[0]; select(undef, undef, undef, 0.01) }' \"$6\" \"$0\"");
        return inside.toString();
    }

    private Process launch(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put(NodeMarker.ENV, marker.argument());
        try {
            return pb.start();
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "cannot run " + argv.getFirst() + " (util-linux): " + e.getMessage());
        }
    }

    private void await(Process p, long millis, String what) {
        try {
            if (!p.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + marker.node() + "\": " + what + " did not end within "
                        + millis / 1000 + " s" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NslabException(ExitCode.ENVIRONMENT, "interrupted");
        }
    }

    /**
     * Waits (10 s at most) until the node's setup inside is done; returns the process that made the namespaces,
     * identified by PID, start time and marker. Fails as soon as that process is gone without the node ready.
     */
    private NodeProcesses.Marked awaitReady(Isolation isolation, Process child, String pidFile) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            java.util.Optional<String[]> written = NodeIsolation.pidAndStart(dir, pidFile);
            if (dir.has("ready")) {
                return written.flatMap(w -> NodeIsolation.marked(w, marker)).orElseThrow(() -> new NslabException(ExitCode.ENVIRONMENT,
                        "node \"" + marker.node() + "\": the process that made its namespaces is not the one recorded" + log()));
            }
            // gone: our child exited, or the detached holder it recorded is no longer there
            boolean died = child != null ? !child.isAlive()
                    : written.isPresent() && (NodeProcesses.gone(Long.parseLong(written.get()[0]))
                    || !written.get()[1].equals(NodeProcesses.startTime(Long.parseLong(written.get()[0]))));
            if (died || System.nanoTime() > deadline) {
                throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + marker.node() + "\": its namespaces "
                        + (died ? "could not be made" : "did not appear within 10 s") + log());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NslabException(ExitCode.ENVIRONMENT, "interrupted");
            }
        }
    }

    /**
     * Binds each new namespace of {@code maker} under the node's directory: its inode is recorded first, and the
     * mount is checked to hold exactly that namespace afterwards.
     */
    private void bind(Isolation isolation, NodeProcesses.Marked maker) {
        Path real = node.realDirectory();
        for (NamespaceKind k : isolation.kinds()) {
            // a new PID or time namespace is the one the maker's children are in
            String file = switch (k) {
                case PID -> "pid_for_children";
                case TIME -> "time_for_children";
                case UTS, IPC, MOUNT, CGROUP, USER -> k.lsnsName();
            };
            Path source = Path.of("/proc", Long.toString(maker.pid()), "ns", file);
            long inode;
            try {
                inode = ((Number) Files.getAttribute(source, "unix:ino")).longValue();
            } catch (IOException e) {
                throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + marker.node() + "\": cannot read " + source + ": " + e.getMessage());
            }
            if (!NodeProcesses.same(maker)) {
                throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + marker.node() + "\": the process that made its namespaces "
                        + "ended before they were bound" + log());
            }
            dir.append(NodeIsolation.OWNED, k.lsnsName() + " " + inode + "\n");
            try {
                MountPoints.bind(source, real.resolve(k.lsnsName()));
            } catch (NativeException e) {
                throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + marker.node() + "\": " + e.getMessage());
            }
            if (!MountTable.read().top(real.resolve(k.lsnsName())).filter(m -> m.holdsNamespace(k.lsnsName(), inode)).isPresent()) {
                throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + marker.node() + "\": " + real.resolve(k.lsnsName())
                        + " does not hold the namespace bound there");
            }
        }
    }

    /**
     * Maps uid and gid 0..count-1 inside the node's user namespace to {@code outside..} on the host, so that root
     * inside is an unprivileged user outside. Written by us, root in the parent namespace, through the process that
     * made the user namespace (it is inside it).
     */
    private void mapRootTo(NodeProcesses.Marked maker, int outside, int count) {
        String map = "0 " + outside + " " + count + "\n";
        if (!NodeProcesses.same(maker)) {
            throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + marker.node() + "\": its holder process ended" + log());
        }
        try {
            Files.writeString(Path.of("/proc/" + maker.pid() + "/uid_map"), map);
            Files.writeString(Path.of("/proc/" + maker.pid() + "/gid_map"), map);
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + marker.node() + "\": cannot write its uid map: " + e.getMessage());
        }
    }

    /**
     * How nsenter becomes root in a node's user namespace: by setting uid and gid 0, or, in a rootless lab of one uid, by
     * keeping its credentials (already root there: the node maps the lab's only uid), since a user namespace made
     * without privilege forbids setgroups in every namespace below it (one whose gid map newgidmap wrote allows it).
     */
    static List<String> rootOptions() {
        boolean single = io.nslab.rootless.RootlessLaunch.inside().isPresent() && io.nslab.rootless.RootlessLaunch.subordinateIds() == 0;
        return single ? List.of("--preserve-credentials") : List.of("--setuid=0", "--setgid=0");
    }

    /** ": " and what the node's start wrote to its log, or nothing. */
    private String log() {
        String log = dir.read("start.log").map(String::strip).orElse("");
        return log.isEmpty() ? "" : ": " + log;
    }
}
