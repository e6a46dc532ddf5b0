package io.nslab.api;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.kernel.isolation.NodeIsolation;
import io.nslab.model.NamespaceKind;
import io.nslab.model.NodeName;
import io.nslab.netlink.NetNs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * A node of a running lab. In the kernel world it runs commands ({@link #exec}, {@link #start}) and Java code of this
 * JVM ({@link #run}, {@link #newThread}) inside its network namespace; in the simulator those refuse, as there is
 * no namespace to run in.
 */
public final class LabNode {
    private final RunningLab lab;
    private final NodeName name;

    LabNode(RunningLab lab, NodeName name) {
        this.lab = lab;
        this.name = name;
    }

    public String name() {
        return name.value();
    }

    NodeName nameValue() {
        return name;
    }

    /** The node's first address (IPv4 first), as checks read a bare node name; empty for a node without one. */
    public Optional<String> address() {
        return lab.model().addressOf(name.value()).map(Object::toString);
    }

    /** The node's first address as an {@link java.net.InetAddress}, for sockets; throws if the node has none. */
    public java.net.InetAddress inetAddress() {
        String a = address().orElseThrow(() -> new IllegalStateException("node " + name + " has no address"));
        try {
            return java.net.InetAddress.getByName(a); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name of the node's network namespace ({@code ip netns list} shows it). */
    public String netns() {
        return lab.model().namespaceOf(name).name();
    }

    /**
     * Runs a command in the node (its network namespace, and the node's other namespaces where it has them) and
     * waits for it. Standard input is empty.
     */
    public ExecResult exec(String command, String... args) {
        Process p = start(command, args);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()),
                r -> Thread.ofVirtual().start(r));
        String out = drain(p.getInputStream());
        try {
            return new ExecResult(p.waitFor(), out, err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NslabException(ExitCode.INTERNAL, "interrupted while " + command + " ran in node " + name);
        }
    }

    /**
     * Starts a command in the node and returns at once; the lab ends it (SIGKILL) on {@link RunningLab#close()} if
     * it still runs. Its output is the caller's to read (or to ignore: it is a pipe, so a command that writes much
     * should be read or redirected by the caller).
     */
    public Process start(String command, String... args) {
        KernelBackend k = lab.kernel("start a process in node " + name);
        List<String> argv = new ArrayList<>();
        NodeIsolation isolation = new NodeIsolation(k.recordDirectory(), lab.name(), name.value());
        Set<NamespaceKind> kinds = lab.model().node(name).orElseThrow().isolation().kinds();
        argv.addAll(k.enterPrefix()); // rootless: into the holder first, where the namespace files are
        if (!k.isRootless()) {
            argv.addAll(isolation.joinCgroupsThenExec());
        }
        argv.addAll(isolation.nsenterArgs(k.netnsFile(name), kinds));
        argv.add("--");
        argv.add(command);
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("NSLAB_LAB", lab.name());
        pb.environment().put("NSLAB_NODE", name.value());
        try {
            return lab.started(pb.start());
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "cannot run nsenter (util-linux) for node " + name + ": " + e.getMessage());
        }
    }

    /**
     * Runs {@code task} in this JVM, inside the node's network namespace, and returns its result: on a platform
     * thread that joins the namespace for the task (the calling thread never changes namespace). Sockets opened
     * there stay in the node's namespace and may then be used from any thread. An {@link IOException} arrives as
     * {@link UncheckedIOException}, other checked exceptions wrapped in a {@link java.util.concurrent.CompletionException}.
     */
    public <T> T run(Callable<T> task) {
        return netnsHandle().call(task);
    }

    /**
     * An unstarted platform thread of this JVM that runs {@code task} inside the node's network namespace: a server
     * of the code under test in one node, its client in another, in one JVM.
     */
    public Thread newThread(Runnable task) {
        return netnsHandle().newThread("nslab-" + lab.name() + "-" + name, task);
    }

    private NetNs netnsHandle() {
        KernelBackend k = lab.kernel("run Java code in node " + name);
        if (k.isRootless()) {
            k.kernel(); // says why not
        }
        return lab.netnsHandle(name, k.netnsFile(name));
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "node " + name + " of lab " + lab.name();
    }
}
