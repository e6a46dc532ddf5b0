package io.nslab.kernel.isolation;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.Isolation;
import io.nslab.model.NamespaceKind;
import io.nslab.netlink.MountPoints;
import io.nslab.netlink.NativeException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The namespaces of one node besides its network namespace, held like iproute2 holds network namespaces: by bind
 * mounts of their {@code /proc/PID/ns/*} files under {@code STATE/LAB/nodes/NODE/} (see {@link NodeStart}). A node
 * with its own PID or user namespace also has a holder process, whose child is the node's init (PID 1; it reaps
 * orphans, and killing it ends every process of the node).
 *
 * <p>Nothing of a node's record is acted on unverified: the holder is killed only while its PID has the recorded start
 * time and the node's marker ({@link NodeMarker}) in its arguments and environment; a namespace file is unmounted
 * only while the mount on top of it is the namespace whose inode was recorded before it was bound; a directory that is
 * a symbolic link or not a directory is never entered; the cgroups are found from the state directory's instance,
 * never from the record.
 */
public final class NodeIsolation {
    /** The holder's PID and start time ("PID START"). */
    static final String HOLDER = "holder";
    /** Of a node without a holder: the process that made its namespaces, which ends once they are bound. */
    static final String PROCESS = "process";
    /** The namespaces made, one "KIND INODE" line each, written before each is bound. */
    static final String OWNED = "owned";
    /** Written once the node's namespaces are all made and bound. */
    static final String STARTED = "started";
    /** Every file nslab makes in a node's directory: what stop deletes, and nothing else. */
    private static final List<String> FILES;

    static {
        List<String> files = new ArrayList<>(List.of(HOLDER, PROCESS, OWNED, STARTED, "ready", "bound", "start.log", "hosts",
                "resolv.conf", "cgroup-procs"));
        Arrays.stream(NamespaceKind.values()).forEach(k -> files.add(k.lsnsName()));
        FILES = List.copyOf(files);
    }

    private final Path labDir;
    private final Path dir;
    private final String lab;
    private final String node;

    public NodeIsolation(Path labDir, String lab, String node) {
        this.labDir = labDir;
        this.dir = labDir.resolve("nodes").resolve(node);
        this.lab = lab;
        this.node = node;
    }

    public Path directory() {
        return dir;
    }

    /** The node's directory as the kernel names it in mountinfo: the lab's record directory with links above it resolved. */
    Path realDirectory() {
        try {
            return labDir.toRealPath().resolve("nodes").resolve(node);
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab cannot read " + labDir + ": " + e.getMessage(), e);
        }
    }

    /** The file holding a namespace of this kind, if the node has its own: the namespace bound there is the recorded one. */
    public Optional<Path> file(NamespaceKind kind) {
        if (!chainIsReal() || !new NodeDirectory(dir).exists()) {
            return Optional.empty();
        }
        Long inode = owned().get(kind.lsnsName());
        if (inode == null) {
            return Optional.empty();
        }
        return MountTable.read().top(realDirectory().resolve(kind.lsnsName())).filter(m -> m.holdsNamespace(kind.lsnsName(), inode))
                .map(m -> dir.resolve(kind.lsnsName()));
    }

    /** Whether the node holds a namespace of each of {@code kinds} (see {@link #file}): one read of the mount table. */
    public boolean holds(Collection<NamespaceKind> kinds) {
        if (kinds.isEmpty()) {
            return true;
        }
        if (!chainIsReal() || !new NodeDirectory(dir).exists()) {
            return false;
        }
        Map<String, Long> owned = owned();
        MountTable table = MountTable.read();
        Path real = realDirectory();
        return kinds.stream().allMatch(k -> owned.containsKey(k.lsnsName())
                && table.top(real.resolve(k.lsnsName())).filter(m -> m.holdsNamespace(k.lsnsName(), owned.get(k.lsnsName()))).isPresent());
    }

    /** Makes the node's namespaces inside its network namespace {@code netnsFile}; returns the resource limits in force, in words. */
    public List<String> start(Path netnsFile, Isolation isolation, String hostsText) {
        if (NodeDirectory.kind(labDir).isEmpty()) {
            try {
                java.nio.file.Files.createDirectories(labDir); // the lab's record has it; a caller of its own may not
            } catch (IOException e) {
                throw new NslabException(ExitCode.ENVIRONMENT, "nslab cannot create " + labDir + ": " + e.getMessage(), e);
            }
        }
        StateInstance instance = StateInstance.obtain(labDir.getParent());
        NodeMarker marker = new NodeMarker(instance, lab, node);
        prepareDirectory(labDir);
        NodeDirectory d = new NodeDirectory(dir);
        if (d.exists()) {
            List<String> left = stop();
            if (!left.isEmpty()) {
                throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + node + "\": " + String.join("; ", left));
            }
        }
        d.create();
        try {
            return new NodeStart(this, d, marker).run(netnsFile, isolation, hostsText);
        } catch (RuntimeException e) {
            // whatever failed, nothing of the node stays: no holder, no mount, no cgroup
            List<String> left = stop();
            if (!left.isEmpty() && e instanceof NslabException n) {
                throw new NslabException(n.exitCode(), n.getMessage() + "; and left: " + String.join("; ", left), n);
            }
            throw e;
        }
    }

    /**
     * Ends the node's processes, unmounts its namespaces and removes its cgroups and directory: what the record and
     * the world agree on, nothing else. Returns what stays, in words (empty when nothing does).
     */
    public List<String> stop() {
        return stop(null);
    }

    /**
     * Like {@link #stop()}, with the marked processes of the node's lab found by one scan of {@code /proc} (by
     * {@code stopAll}); null to scan here when the record cannot account for every process.
     */
    List<String> stop(List<NodeProcesses.Marked> scanned) {
        List<String> left = new ArrayList<>();
        StateInstance instance;
        try {
            instance = StateInstance.find(labDir.getParent()).orElse(null);
        } catch (NslabException e) {
            left.add(e.getMessage());
            instance = null;
        }
        boolean files = chainIsReal();
        if (!files) {
            left.add(chainProblem());
        }
        NodeDirectory d = new NodeDirectory(dir);
        if (scanned == null && files && !d.exists()) {
            // nothing of the node is recorded: up stops every node it is about to start, and the cgroups and processes a
            // node left without its directory are stopAll's and cleanup's to find
            return left;
        }
        if (instance != null) {
            NodeMarker marker = new NodeMarker(instance, lab, node);
            List<NodeProcesses.Marked> kill = new ArrayList<>();
            NodeProcesses.Marked holder = files ? pidAndStart(d, HOLDER).flatMap(w -> marked(w, marker)).orElse(null) : null;
            if (holder != null) {
                kill.add(holder);
                // its child is the node's init; --kill-child would end it with the holder, but a credential change in a
                // user namespace clears that death signal
                NodeProcesses.children(holder.pid()).forEach(c -> NodeProcesses.marked(c, marker.argument()).ifPresent(kill::add));
            }
            if (scanned != null) {
                scanned.stream().filter(m -> m.marker().equals(marker.argument())).forEach(kill::add);
            } else if (files && d.exists() && (holder == null || !d.has(STARTED))) {
                // a start that did not finish, or a holder that is not the recorded one: find the node's processes by marker
                NodeProcesses.scan(marker.argument()).stream().filter(m -> m.marker().equals(marker.argument())).forEach(kill::add);
            }
            NodeProcesses.kill(kill.stream().distinct().toList());
        }
        List<String> mounts = files && d.exists() ? unmount() : List.of();
        left.addAll(mounts);
        if (instance != null) {
            new NodeCgroup(CgroupHierarchies.read(), instance, lab, node).remove()
                    .forEach(c -> left.add("cgroup " + c + " still has processes: left"));
        }
        if (files && mounts.isEmpty()) {
            // with a mount left, the record of what is mounted stays too, for the next stop to prove its own
            left.addAll(d.deleteFiles(FILES));
        }
        return left;
    }

    /** Unmounts each namespace file whose top mount is the recorded namespace; anything else mounted there stays. */
    private List<String> unmount() {
        List<String> left = new ArrayList<>();
        Map<String, Long> owned = owned();
        Path real = realDirectory();
        MountTable table = MountTable.read();
        for (NamespaceKind k : NamespaceKind.values()) {
            Path f = real.resolve(k.lsnsName());
            Long inode = owned.get(k.lsnsName());
            // the recorded namespace may be stacked more than once (a start run twice): take each off the top
            for (int i = 0; i < 8; i++) {
                Optional<MountTable.Entry> top = table.top(f);
                if (top.isEmpty()) {
                    break;
                }
                if (inode == null || !top.get().holdsNamespace(k.lsnsName(), inode)) {
                    left.add(dir.resolve(k.lsnsName()) + " has a mount nslab did not make (" + top.get().fsType() + " "
                            + top.get().root() + "): left alone");
                    break;
                }
                try {
                    MountPoints.detach(f);
                } catch (NativeException e) {
                    left.add(e.getMessage());
                    break;
                }
                table = MountTable.read();
            }
        }
        return left;
    }

    /** The recorded namespaces of the node, by kind: "KIND INODE" lines; any other line counts for nothing. */
    private Map<String, Long> owned() {
        Map<String, Long> out = new HashMap<>();
        new NodeDirectory(dir).read(OWNED).ifPresent(text -> text.lines().forEach(line -> {
            String[] p = line.split(" ", -1);
            if (p.length == 2 && Arrays.stream(NamespaceKind.values()).anyMatch(k -> k.lsnsName().equals(p[0]))
                    && p[1].matches("[0-9]{1,19}")) {
                out.put(p[0], Long.parseLong(p[1]));
            }
        }));
        return out;
    }

    /** Whether the lab's record directory, nodes/ and the node's directory are real directories (or absent below the first). */
    private boolean chainIsReal() {
        return chainProblem() == null;
    }

    private String chainProblem() {
        Optional<java.nio.file.attribute.BasicFileAttributes> lab = NodeDirectory.kind(labDir);
        if (lab.isPresent() && !lab.get().isDirectory()) {
            return labDir + " is not a directory nslab made: its nodes are left alone";
        }
        String nodes = NodeDirectory.problem(labDir.resolve("nodes"));
        return nodes != null ? nodes : NodeDirectory.problem(dir);
    }

    /** nsenter arguments that enter every namespace this node has (the network one included). */
    public List<String> nsenterArgs(Path netnsFile) {
        return nsenterArgs(netnsFile, Arrays.stream(NamespaceKind.values()).filter(k -> file(k).isPresent()).toList());
    }

    /**
     * nsenter arguments that enter the network namespace and exactly {@code kinds} of the node's, whether their files
     * are there or not: nsenter then fails rather than leave the command in the enclosing one.
     */
    public List<String> nsenterArgs(Path netnsFile, Collection<NamespaceKind> kinds) {
        List<String> args = new ArrayList<>(List.of("nsenter", "--net=" + netnsFile));
        for (NamespaceKind k : NamespaceKind.values()) {
            if (kinds.contains(k)) {
                args.add("--" + NodeStart.option(k) + "=" + dir.resolve(k.lsnsName()));
            }
        }
        if (kinds.contains(NamespaceKind.USER)) {
            args.addAll(NodeStart.rootOptions());
        }
        return args;
    }

    /**
     * The cgroup.procs files a process joins to be in the node's cgroups: those of {@code nslab/INSTANCE/LAB/NODE}
     * that exist, found from the state directory's instance (never read from the record, which could name any file).
     */
    public List<String> cgroupProcs() {
        return StateInstance.find(labDir.getParent())
                .map(i -> new NodeCgroup(CgroupHierarchies.read(), i, lab, node).existingProcsFiles().stream().map(Path::toString).toList())
                .orElse(List.of());
    }

    /**
     * The start of a command line that joins the node's cgroups, from outside its cgroup namespace, and then runs the
     * rest of the command line: a shell that writes its PID to each cgroup.procs file (given to it as arguments) and
     * execs {@code "$@"}.
     */
    public List<String> joinCgroupsThenExec() {
        List<String> procs = cgroupProcs();
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", JOIN, "nslab-join", Integer.toString(procs.size())));
        argv.addAll(procs);
        return argv;
    }

    /** Writes its PID to the first N ("$1") arguments, then execs the rest. */
    private static final String JOIN = String.join("\n",
            "n=$1",
            "shift",
            "while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\"; shift; n=$((n - 1)); done",
            "exec \"$@\"");

    /** PID of the node's holder process (whose child is its init), while it is the recorded, marked process. */
    public Optional<Long> holder() {
        try {
            Optional<StateInstance> instance = StateInstance.find(labDir.getParent());
            if (instance.isEmpty() || !chainIsReal()) {
                return Optional.empty();
            }
            NodeMarker marker = new NodeMarker(instance.get(), lab, node);
            return pidAndStart(new NodeDirectory(dir), HOLDER).flatMap(w -> marked(w, marker)).map(NodeProcesses.Marked::pid);
        } catch (NslabException e) {
            return Optional.empty();
        }
    }

    /** PID and start time from a PID file, once written whole. */
    static Optional<String[]> pidAndStart(NodeDirectory d, String pidFile) {
        return d.read(pidFile).filter(t -> t.endsWith("\n")).map(t -> t.strip().split(" "))
                .filter(p -> p.length == 2 && p[0].matches("[0-9]{1,10}") && p[1].matches("[0-9]{1,20}"));
    }

    /** The process of a recorded PID and start time, while it is still that process and carries {@code marker}. */
    static Optional<NodeProcesses.Marked> marked(String[] pidAndStart, NodeMarker marker) {
        return NodeProcesses.settled(Long.parseLong(pidAndStart[0]), pidAndStart[1], marker.argument())
                .filter(m -> m.marker().equals(marker.argument()));
    }

    /**
     * The nodes directory is bind-mounted on itself with private propagation: the kernel refuses to bind a mount
     * namespace onto a shared mount (it could loop).
     */
    static void prepareDirectory(Path labDir) {
        NodeDirectory nodes = new NodeDirectory(labDir.resolve("nodes"));
        nodes.requireReal(labDir);
        nodes.create();
        Path real;
        try {
            real = labDir.toRealPath().resolve("nodes");
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab cannot read " + labDir + ": " + e.getMessage(), e);
        }
        if (!MountTable.read().isMountPoint(real)) {
            Commands.run(List.of("mount", "--bind", real.toString(), real.toString()));
            Commands.run(List.of("mount", "--make-private", real.toString()));
        }
    }

    /**
     * Unmounts the nodes directory of a lab once its nodes are gone, and removes it: only while the mount there is
     * its own bind (same device as the lab's directory) and nothing is mounted below it, which a lazy unmount would
     * take along. Returns what stays, in words.
     */
    public static List<String> releaseDirectory(Path labDir) {
        Path nodes = labDir.resolve("nodes");
        if (NodeDirectory.kind(labDir).filter(java.nio.file.attribute.BasicFileAttributes::isDirectory).isEmpty()) {
            return NodeDirectory.kind(labDir).isEmpty() ? List.of() : List.of(labDir + " is not a directory nslab made: left alone");
        }
        String problem = NodeDirectory.problem(nodes);
        if (problem != null) {
            return List.of(problem);
        }
        if (NodeDirectory.kind(nodes).isEmpty()) {
            return List.of();
        }
        List<String> left = new ArrayList<>();
        Path real;
        try {
            real = labDir.toRealPath().resolve("nodes");
        } catch (IOException e) {
            return List.of(labDir + ": " + e.getMessage());
        }
        MountTable table = MountTable.read();
        Optional<MountTable.Entry> top = table.top(real);
        if (top.isPresent()) {
            List<Path> below = table.below(real);
            Optional<MountTable.Entry> under = table.entries().stream().filter(e -> e.id() == top.get().parent()).findFirst();
            boolean ownBind = under.isPresent() && under.get().device().equals(top.get().device())
                    && under.get().fsType().equals(top.get().fsType());
            if (!below.isEmpty()) {
                left.add(nodes + ": still has mounts below it (" + below.getFirst() + (below.size() > 1 ? ", ..." : "") + "): left mounted");
            } else if (!ownBind) {
                left.add(nodes + " has a mount nslab did not make (" + top.get().fsType() + "): left alone");
            } else {
                try {
                    MountPoints.detach(real);
                } catch (NativeException e) {
                    left.add(e.getMessage());
                }
            }
        }
        if (left.isEmpty()) {
            left.addAll(new NodeDirectory(nodes).deleteFiles(List.of()));
        }
        return left;
    }

    static boolean isMountPoint(Path p) {
        return MountTable.read().isMountPoint(p.toAbsolutePath().normalize());
    }
}
