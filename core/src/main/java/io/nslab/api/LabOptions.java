package io.nslab.api;

import io.nslab.deploy.StateStore;
import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import io.nslab.netlink.NamedNamespaces;

import java.nio.file.Path;

/** How and where {@link Labs} builds a lab: the world, and for the kernel where namespaces and records live. */
public final class LabOptions {
    private World world = World.KERNEL;
    private Path netnsDir = NamedNamespaces.DEFAULT_DIRECTORY;
    private Path stateDir = StateStore.DEFAULT_ROOT;
    private boolean reaper = true;

    LabOptions() {
    }

    public LabOptions world(World world) {
        this.world = world;
        return this;
    }

    /** The directory of named namespaces (default /run/netns, where {@code ip netns} looks). */
    public LabOptions netnsDir(Path dir) {
        this.netnsDir = dir;
        return this;
    }

    /** The directory of nslab's ownership records (default /run/nslab, where {@code nslab cleanup} looks). */
    public LabOptions stateDir(Path dir) {
        this.stateDir = dir;
        return this;
    }

    /**
     * Whether a reaper process removes the lab if this JVM dies without closing it, even by SIGKILL (default on).
     * A JVM that exits normally removes its open labs itself.
     */
    public LabOptions reaper(boolean on) {
        this.reaper = on;
        return this;
    }

    public World world() {
        return world;
    }

    /** Builds the lab of {@code file}; problems in it are reported at file:line:col (exit 2). */
    public RunningLab up(Path file) {
        String text = LabLoader.read(file);
        return up(file.toString(), text);
    }

    /** Builds a lab written in code. */
    public RunningLab up(LabSpec spec) {
        return up(spec.name() + " (LabSpec)", spec.yaml());
    }

    /** Builds a lab from its text; {@code label} names it in messages. */
    public RunningLab up(String label, String text) {
        Lab original = LabLoader.parse(label, text); // every problem at the user's own lines
        String name = LabText.uniqueName(original.name());
        String renamed = LabText.renamed(text, name);
        Lab lab = LabLoader.parse(label, renamed);
        return switch (world) {
            case SIM -> new RunningLab(SimBackend.up(lab), () -> { });
            case KERNEL -> OpenLabs.up(lab, renamed, netnsDir, stateDir, reaper);
        };
    }
}
