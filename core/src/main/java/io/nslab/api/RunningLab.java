package io.nslab.api;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.fault.Faults;
import io.nslab.fault.Partition;
import io.nslab.model.IpAddress;
import io.nslab.model.Lab;
import io.nslab.model.NodeName;
import io.nslab.netlink.NetNs;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import io.nslab.probe.TraceRequest;
import io.nslab.probe.TraceResult;
import io.nslab.sim.CheckRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A lab that runs, in the kernel or in the simulator, until {@link #close()} removes everything it made. Made by
 * {@link Labs}. Safe to use from several threads.
 * <pre>{@code
 * try (RunningLab lab = Labs.up(Path.of("labs/seed.yaml"))) {
 *     assertTrue(lab.reaches("ns1", "ns2"));
 *     ExecResult r = lab.node("ns1").exec("ip", "-br", "addr");
 * }
 * }</pre>
 */
public final class RunningLab implements AutoCloseable {
    private final Backend backend;
    private final List<Process> processes = new ArrayList<>();
    private final Map<NodeName, NetNs> handles = new HashMap<>();
    private final java.util.Set<String> downLinks = new java.util.LinkedHashSet<>();
    private final java.util.Set<String> shaped = new java.util.LinkedHashSet<>();
    private final Runnable onClose;
    private boolean closed;

    RunningLab(Backend backend, Runnable onClose) {
        this.backend = backend;
        this.onClose = onClose;
    }

    /** The lab's name: the file's name with a suffix of its own, so that labs from one file never collide. */
    public String name() {
        return backend.lab().name();
    }

    public World world() {
        return backend.world();
    }

    /** The lab as resolved and validated, under its own name and namespace prefix. */
    public Lab model() {
        return backend.lab();
    }

    /** The network of either world, for everything the {@link io.nslab.Network} interface offers. */
    public io.nslab.Network network() {
        ensureOpen();
        return backend.network();
    }

    /** A node of the lab; throws {@link IllegalArgumentException} naming the lab's nodes for a name it does not have. */
    public LabNode node(String name) {
        ensureOpen();
        NodeName n = NodeName.problem(name) == null ? NodeName.of(name) : null;
        if (n == null || model().node(n).isEmpty()) {
            throw new IllegalArgumentException("lab " + name() + " has no node \"" + name + "\" (its nodes: "
                    + String.join(", ", model().nodes().keySet().stream().map(NodeName::value).toList()) + ")");
        }
        return new LabNode(this, n);
    }

    /**
     * One echo request from {@code from} to {@code target} (a node, {@code node:ifname}, or an address), waiting
     * one second for the answer.
     */
    public PingResult ping(String from, String target) {
        return ping(from, target, 1, Duration.ofSeconds(1));
    }

    /** {@code count} echo requests 200 ms apart, each waited for at most {@code timeout}. */
    public PingResult ping(String from, String target, int count, Duration timeout) {
        ensureOpen();
        PingRequest r = new PingRequest(model().netnsOf(node(from).nameValue()), destination(target), count,
                Duration.ofMillis(200), timeout, OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty());
        return backend.network().ping(r);
    }

    /** Whether one of three echo requests from {@code from} to {@code target} is answered. */
    public boolean reaches(String from, String target) {
        return ping(from, target, 3, Duration.ofSeconds(1)).received() > 0;
    }

    /** A traceroute from {@code from} to {@code target}: up to 30 hops, one probe each. */
    public TraceResult trace(String from, String target) {
        ensureOpen();
        TraceRequest r = new TraceRequest(model().netnsOf(node(from).nameValue()), destination(target), 30, 1, Duration.ofSeconds(1));
        return backend.network().trace(r);
    }

    /** Runs the lab's checks and judges each. */
    public List<CheckResult> check() {
        ensureOpen();
        return CheckRunner.runAll(backend.network(), model()).stream()
                .map(v -> new CheckResult(v.check().label() + " expect " + v.check().expect().name().toLowerCase().replace('_', '-'),
                        v.passed(), v.seen()))
                .toList();
    }

    /**
     * Sets one end of a link ({@code "node:ifname"}) down, as {@code ip link set DEV down} in its node: its peer loses
     * carrier, so neither direction passes. {@link #reset()} sets it up again.
     */
    public void linkDown(String end) {
        ensureOpen();
        Faults.link(backend.network(), model(), end, false);
        synchronized (this) {
            downLinks.add(end);
        }
    }

    /** Sets a link end up again (after {@link #linkDown}, or one the lab file left down). */
    public void linkUp(String end) {
        ensureOpen();
        Faults.link(backend.network(), model(), end, true);
        synchronized (this) {
            downLinks.remove(end);
        }
    }

    /**
     * Partitions the lab: each argument is a group of nodes, comma-separated ({@code "ns1"}, {@code "db1,db2"}).
     * Packets from a node of one group to a node of another are dropped where they would be delivered, in both
     * directions (a TCP connect times out); nodes in no group still reach everyone. Replaces any partition before.
     * Made of one nf_tables table per node of a group ({@link Partition}); nothing else changes.
     */
    public void partition(String... groups) {
        ensureOpen();
        Faults.partition(backend.network(), model(), Partition.of(model(), List.of(groups)));
    }

    /** Ends a partition: deletes its table from every node; nothing else is touched. */
    public void heal() {
        ensureOpen();
        Faults.heal(backend.network(), model());
    }

    /**
     * Limits what leaves one link end ({@code "ns1:v1"}: from ns1 toward its peer) to {@code bitsPerSecond}, with a
     * token bucket (tbf) allowing a burst of 32 KiB or 20 ms of the rate, whichever is more, and a queue of 50 ms.
     * One direction only: limit the peer's end too for both. In the simulator it has no effect (it models reachability).
     */
    public void rateLimit(String end, long bitsPerSecond) {
        rateLimit(end, bitsPerSecond, (int) Math.max(32 * 1024, Math.min(Integer.MAX_VALUE, bitsPerSecond / 8 / 50)), Duration.ofMillis(50));
    }

    /** {@link #rateLimit(String, long)} with the bucket's burst and the longest a packet may queue. */
    public void rateLimit(String end, long bitsPerSecond, int burstBytes, Duration latency) {
        ensureOpen();
        Faults.rate(backend.network(), model(), end, bitsPerSecond, burstBytes, latency);
        synchronized (this) {
            shaped.add(end);
        }
    }

    /**
     * Delays what leaves one link end by {@code delay} ± {@code jitter} (netem). Where the kernel has no sch_netem
     * it throws an {@link NslabException} with exit code 3 and the kernel's reason.
     */
    public void delay(String end, Duration delay, Duration jitter) {
        ensureOpen();
        Faults.delay(backend.network(), model(), end, delay, jitter);
        synchronized (this) {
            shaped.add(end);
        }
    }

    /**
     * Drops {@code percent} % (0 to 100, to a hundredth) of what leaves one link end ({@code "ns1:v1"}: from ns1
     * toward its peer), each packet at random, without netem (nf_tables' {@code numgen random}, in the peer's node:
     * {@link io.nslab.fault.Loss}); 0 takes it off. One direction only: impair the peer's end too for both. In the
     * simulator only 100% changes an outcome (every probe is then lost); below it, probes pass as before.
     */
    public void loss(String end, double percent) {
        ensureOpen();
        io.nslab.fault.Loss.set(backend.network(), model(), end, percent);
    }

    /** Undoes every fault made through this lab: heals a partition, sets up the ends set down, takes rates, delays and losses off. */
    public void reset() {
        heal();
        io.nslab.fault.Loss.clearAll(backend.network(), model());
        List<String> down;
        List<String> limited;
        synchronized (this) {
            down = List.copyOf(downLinks);
            limited = List.copyOf(shaped);
            shaped.clear();
        }
        down.forEach(this::linkUp);
        limited.forEach(e -> Faults.clearQdisc(backend.network(), model(), e));
    }

    IpAddress destination(String target) {
        Optional<IpAddress> a = model().addressOf(target);
        if (a.isPresent()) {
            return a.get();
        }
        try {
            return IpAddress.parse(target);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("\"" + target + "\" is neither a node of lab " + name() + " with an address "
                    + "nor an IP address");
        }
    }

    KernelBackend kernel(String what) {
        ensureOpen();
        return switch (backend) {
            case KernelBackend k -> k;
            case SimBackend s -> throw new UnsupportedOperationException("cannot " + what + " in the simulator: it runs no "
                    + "processes and has no namespaces; use World.KERNEL");
        };
    }

    synchronized Process started(Process p) {
        processes.removeIf(x -> !x.isAlive());
        processes.add(p);
        return p;
    }

    synchronized NetNs netnsHandle(NodeName node, Path file) {
        ensureOpen();
        return handles.computeIfAbsent(node, n -> NetNs.open(file));
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("lab " + backend.lab().name() + " is closed");
        }
    }

    /** Ends the processes started in its nodes, then removes every namespace, link and record the lab made. */
    @Override
    public void close() {
        List<Process> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = List.copyOf(processes);
        }
        for (Process p : running) {
            p.destroyForcibly();
        }
        for (Process p : running) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            handles.values().forEach(NetNs::close);
            handles.clear();
        }
        try {
            backend.close();
        } finally {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "lab " + name() + " (" + world() + ")";
    }

    static NslabException refused(String why) {
        return new NslabException(ExitCode.BAD_INPUT, why);
    }
}
