package io.nslab.kernel.isolation;

import io.nslab.model.Limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's own cgroup, {@code nslab/<lab>/<node>} in every mounted hierarchy, so that the node's
 * cgroup namespace shows {@code /} on every line of {@code /proc/self/cgroup}, with its limits
 * written where their controllers live.
 */
final class NodeCgroup {
    private final CgroupHierarchies hierarchies;
    private final String relative;

    NodeCgroup(CgroupHierarchies hierarchies, String lab, String node) {
        this.hierarchies = hierarchies;
        this.relative = "nslab/" + lab + "/" + node;
    }

    /** The cgroup.procs files a process writes its PID to, to join the node's cgroups. */
    List<Path> procsFiles() {
        return hierarchies.all().stream().map(h -> h.mount().resolve(relative).resolve("cgroup.procs")).toList();
    }

    void create() {
        for (CgroupHierarchies.Hierarchy h : hierarchies.all()) {
            Path dir = h.mount();
            for (String part : relative.split("/")) {
                Path parent = dir;
                dir = dir.resolve(part);
                if (!Files.isDirectory(dir)) {
                    mkdir(dir);
                    if (!h.v2() && h.controllers().contains("cpuset")) {
                        // a v1 cpuset takes no task until it has cpus and mems; inherit the parent's
                        copy(parent, dir, "cpuset.cpus");
                        copy(parent, dir, "cpuset.mems");
                    }
                }
            }
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

    /** Removes the node's cgroups (once empty), and the lab's and nslab's when nothing else is left in them. */
    void remove() {
        for (CgroupHierarchies.Hierarchy h : hierarchies.all()) {
            Path dir = h.mount().resolve(relative);
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (Files.isDirectory(dir)) {
                try {
                    Files.delete(dir);
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        break; // processes still leaving; cleanup will try again
                    }
                    try {
                        Thread.sleep(2); // killed processes leave their cgroup asynchronously
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            for (Path up = dir.getParent(); !up.equals(h.mount()); up = up.getParent()) {
                try {
                    Files.delete(up);
                } catch (IOException e) {
                    break; // another node or lab still there
                }
            }
        }
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
