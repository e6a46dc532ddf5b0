package io.nslab.kernel.isolation;

import io.nslab.model.Limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's own cgroup, {@code nslab/INSTANCE/LAB/NODE} in every mounted hierarchy, so that the node's cgroup
 * namespace shows {@code /} on every line of {@code /proc/self/cgroup}, with its limits written where their
 * controllers live. The state directory's instance ({@link StateInstance}) in the path keeps two state directories'
 * labs of one name apart. nslab makes cgroups only below {@code nslab/INSTANCE/} and removes only what is below it.
 */
final class NodeCgroup {
    static final String TOP = "nslab";

    private final CgroupHierarchies hierarchies;
    private final String relative;

    NodeCgroup(CgroupHierarchies hierarchies, StateInstance instance, String lab, String node) {
        this.hierarchies = hierarchies;
        this.relative = TOP + "/" + instance.id() + "/" + lab + "/" + node;
    }

    /** The cgroup.procs files a process writes its PID to, to join the node's cgroups. */
    List<Path> procsFiles() {
        return hierarchies.all().stream().map(h -> h.mount().resolve(relative).resolve("cgroup.procs")).toList();
    }

    /** The procs files of the node's cgroups that exist (none when the node has no cgroup). */
    List<Path> existingProcsFiles() {
        return hierarchies.all().stream().filter(h -> Files.isDirectory(h.mount().resolve(relative), LinkOption.NOFOLLOW_LINKS))
                .map(h -> h.mount().resolve(relative).resolve("cgroup.procs")).toList();
    }

    void create() {
        for (CgroupHierarchies.Hierarchy h : hierarchies.all()) {
            // another state directory's cleanup may remove an empty nslab/ between our mkdirs: try again
            for (int attempt = 1; ; attempt++) {
                try {
                    createIn(h);
                    break;
                } catch (UncheckedIOException e) {
                    if (!(e.getCause() instanceof NoSuchFileException) || attempt == 3) {
                        throw e;
                    }
                }
            }
        }
    }

    private void createIn(CgroupHierarchies.Hierarchy h) {
        Path dir = h.mount();
        for (String part : relative.split("/")) {
            Path parent = dir;
            dir = dir.resolve(part);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (h.delegated()) {
                    enableControllers(h, parent);
                }
                mkdir(dir);
                if (!h.v2() && h.controllers().contains("cpuset")) {
                    // a v1 cpuset takes no task until it has cpus and mems; inherit the parent's
                    copy(parent, dir, "cpuset.cpus");
                    copy(parent, dir, "cpuset.mems");
                }
            }
        }
    }

    /**
     * In a delegated subtree, lets the children of {@code parent} have the subtree's controllers that limits use
     * (systemd enables them at the top of a delegation; nslab's own levels below are nslab's to enable).
     */
    private static void enableControllers(CgroupHierarchies.Hierarchy h, Path parent) {
        String enable = h.controllers().stream().filter(c -> List.of("memory", "cpu", "pids").contains(c)).map(c -> "+" + c)
                .reduce((a, b) -> a + " " + b).orElse("");
        if (enable.isEmpty()) {
            return;
        }
        try {
            Files.writeString(parent.resolve("cgroup.subtree_control"), enable);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the limits; returns what is in force, in words ("memory 64M (v1)"). */
    List<String> apply(Limits limits) {
        List<String> inForce = new ArrayList<>();
        limits.memoryBytes().ifPresent(bytes -> hierarchies.with("memory").ifPresent(h -> {
            write(h, h.v2() ? "memory.max" : "memory.limit_in_bytes", Long.toString(bytes));
            inForce.add("memory " + bytes + " bytes (" + version(h) + ")");
        }));
        limits.cpuWeight().ifPresent(w -> hierarchies.with("cpu").ifPresent(h -> {
            write(h, h.v2() ? "cpu.weight" : "cpu.shares", h.v2() ? Integer.toString(w) : Integer.toString(Math.max(2, w * 1024 / 100)));
            inForce.add("cpu weight " + w + " (" + version(h) + ")");
        }));
        limits.cpuQuotaPercent().ifPresent(q -> hierarchies.with("cpu").ifPresent(h -> {
            long period = 100_000;
            long quota = period * q / 100;
            if (h.v2()) {
                write(h, "cpu.max", quota + " " + period);
            } else {
                write(h, "cpu.cfs_period_us", Long.toString(period));
                write(h, "cpu.cfs_quota_us", Long.toString(quota));
            }
            inForce.add("cpu quota " + q + "% (" + version(h) + ")");
        }));
        limits.pids().ifPresent(n -> hierarchies.with("pids").ifPresent(h -> {
            write(h, "pids.max", Integer.toString(n));
            inForce.add("pids " + n + " (" + version(h) + ")");
        }));
        return inForce;
    }

    /**
     * Removes the node's cgroups (and any made inside them), then the lab's, the instance's and nslab's when nothing
     * else is left in them. Returns the cgroups that stay because processes are still in them.
     */
    List<Path> remove() {
        List<Path> left = new ArrayList<>();
        for (CgroupHierarchies.Hierarchy h : hierarchies.all()) {
            Path dir = h.mount().resolve(relative);
            left.addAll(removeTree(dir));
            removeEmptyParents(h, dir.getParent());
        }
        return left;
    }

    /** The labs that have cgroups of this instance in any hierarchy. */
    static List<String> labs(CgroupHierarchies hierarchies, StateInstance instance) {
        List<String> out = new ArrayList<>();
        for (CgroupHierarchies.Hierarchy h : hierarchies.all()) {
            for (Path p : subdirectories(h.mount().resolve(TOP).resolve(instance.id()))) {
                String lab = p.getFileName().toString();
                if (io.nslab.model.NodeName.problem(lab) == null && !out.contains(lab)) {
                    out.add(lab);
                }
            }
        }
        return out;
    }

    /** The nodes of {@code lab} that have cgroups of this instance in any hierarchy. */
    static List<String> nodes(CgroupHierarchies hierarchies, StateInstance instance, String lab) {
        List<String> out = new ArrayList<>();
        for (CgroupHierarchies.Hierarchy h : hierarchies.all()) {
            for (Path p : subdirectories(h.mount().resolve(TOP).resolve(instance.id()).resolve(lab))) {
                String node = p.getFileName().toString();
                if (io.nslab.model.NodeName.problem(node) == null && !out.contains(node)) {
                    out.add(node);
                }
            }
        }
        return out;
    }

    /** Removes {@code dir} and the cgroups below it, deepest first, waiting (3 s at most) for killed processes to leave. */
    private static List<Path> removeTree(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> left = new ArrayList<>();
        for (Path sub : subdirectories(dir)) {
            left.addAll(removeTree(sub));
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.delete(dir); // rmdir: a cgroup goes once no process and no child cgroup is in it
            } catch (NoSuchFileException e) {
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    left.add(dir); // processes still in it; cleanup tries again
                    break;
                }
                try {
                    Thread.sleep(2); // killed processes leave their cgroup asynchronously
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    left.add(dir);
                    break;
                }
            }
        }
        return left;
    }

    private static void removeEmptyParents(CgroupHierarchies.Hierarchy h, Path from) {
        for (Path up = from; up.startsWith(h.mount()) && !up.equals(h.mount()); up = up.getParent()) {
            try {
                Files.delete(up);
            } catch (NoSuchFileException e) {
                // gone already
            } catch (IOException e) {
                break; // another node, lab or state directory still there
            }
        }
    }

    /** Removes every cgroup of {@code lab} of this instance; returns those that stay because processes are in them. */
    static List<Path> removeLab(CgroupHierarchies hierarchies, StateInstance instance, String lab) {
        List<Path> left = new ArrayList<>();
        for (CgroupHierarchies.Hierarchy h : hierarchies.all()) {
            Path dir = h.mount().resolve(TOP).resolve(instance.id()).resolve(lab);
            left.addAll(removeTree(dir));
            removeEmptyParents(h, dir.getParent());
        }
        return left;
    }

    private static List<Path> subdirectories(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String version(CgroupHierarchies.Hierarchy h) {
        return h.v2() ? "cgroup v2" : "cgroup v1";
    }

    private void write(CgroupHierarchies.Hierarchy h, String file, String value) {
        try {
            Files.writeString(h.mount().resolve(relative).resolve(file), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + h.mount().resolve(relative).resolve(file), e);
        }
    }

    private static void mkdir(Path dir) {
        try {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException ignored) {
            // made by a concurrent node
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to, String file) {
        try {
            Files.writeString(to.resolve(file), Files.readString(from.resolve(file)).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
