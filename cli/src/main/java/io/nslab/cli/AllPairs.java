package io.nslab.cli;

import io.nslab.Network;
import io.nslab.model.Endpoint;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code check --all-pairs}: every node that has an address pings every interface address of the lab once. Nodes
 * without any address (switches: a bridge and its ports) send nothing and are not counted as failing. A small lab
 * is shown as a matrix; a large one as counts per outcome and the failing pairs grouped by cause.
 *
 * <p>A pair's result is kept as one int, the index of its outcome among the few distinct ones, so a lab of a
 * thousand nodes (two million pings) holds 8 MB of results, not two million ping records; each result is handed to
 * a {@link Sink} as it comes, in order, for the formats that write as they go.
 */
final class AllPairs {
    /** More addresses than this make a matrix wider than a terminal: the summary is shown instead. */
    static final int MATRIX_COLUMNS = 24;
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** One address of the lab, as a column of the matrix. */
    record Target(NodeName node, String label, IpAddress address) {
    }

    /** What a ping saw: its cause in ping's words ("reply" when answered) and its mark in the matrix. */
    record Outcome(String cause, String mark) {
        static final Outcome REPLY = new Outcome("reply", "ok");

        boolean answered() {
            return this.equals(REPLY);
        }

        static Outcome of(PingResult result) {
            if (result.received() > 0) {
                return REPLY;
            }
            String mark = result.connectError().isPresent() ? "!" : result.errors() > 0 ? "x" : ".";
            if (result.connectError().isPresent()) {
                return new Outcome("refused by the sender's kernel: " + result.connectError().get().text(), mark);
            }
            return new Outcome(result.events().stream().filter(e -> e instanceof PingEvent.Error).map(e -> (PingEvent.Error) e)
                    .filter(e -> !e.kind().isRedirect()).findFirst()
                    .map(e -> "ICMP error: From " + e.from() + " " + e.kind().text()).orElse("no answer"), mark);
        }
    }

    /** Told of each pair as soon as its ping is done, in pair order. */
    interface Sink {
        void pair(int index) throws Exception;
    }

    final List<NodeName> sources = new ArrayList<>();
    final List<NodeName> silent = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();
    private final List<NamespaceRef> netns = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>(List.of(Outcome.REPLY));
    private final Map<Outcome, Integer> outcomeIds = new HashMap<>(Map.of(Outcome.REPLY, 0));
    private int[] seen = new int[0];
    private int done;
    private long answered;

    AllPairs(Lab lab) {
        // each node's interfaces in file order, gathered in one pass (Lab.endpointsOf walks every link for one node)
        Map<NodeName, List<Endpoint>> endpoints = new HashMap<>();
        for (var link : lab.links()) {
            for (Endpoint e : link.endpoints()) {
                endpoints.computeIfAbsent(e.node(), k -> new ArrayList<>()).add(e);
            }
        }
        for (Node n : lab.nodes().values()) {
            int before = targets.size();
            for (Endpoint e : endpoints.getOrDefault(n.name(), List.of())) {
                for (IpPrefix p : e.addresses()) {
                    targets.add(new Target(n.name(), n.name() + ":" + e.ifname() + (e.addresses().size() > 1 ? "/" + p.address() : ""),
                            p.address()));
                }
            }
            for (var b : n.bridges()) {
                for (IpPrefix p : b.addresses()) {
                    targets.add(new Target(n.name(), n.name() + ":" + b.name(), p.address()));
                }
            }
            boolean hasAddress = targets.size() > before || !n.loopback().addresses().isEmpty();
            (hasAddress ? sources : silent).add(n.name());
        }
        sources.forEach(s -> netns.add(lab.netnsOf(s)));
    }

    int size() {
        return sources.size() * targets.size();
    }

    /** Pings every pair, in order, telling {@code sink} of each as it is done. */
    void run(Network network, Progress progress, Sink sink) throws Exception {
        run(network, null, 1, progress, sink);
    }

    /**
     * Pings every pair, telling {@code sink} of each in order. With {@code another} (a maker of further copies of the
     * same simulated lab) and {@code threads} over 1, the simulator's pings run on that many threads, each on a copy
     * of its own: a simulated ping reads the lab and changes nothing another ping sees (its conntrack, ICMP rate
     * limits and unanswered neighbours live for that ping; only the ARP cache shown by {@code arp -n} is written),
     * so every pair's outcome is the one a single thread would see, in a fraction of the time.
     */
    void run(Network network, java.util.function.Supplier<Network> another, int threads, Progress progress, Sink sink) throws Exception {
        seen = new int[size()];
        done = 0;
        answered = 0;
        if (another != null && sources.size() > 1) {
            new ParallelPairs(this, network, another, Math.max(1, Math.min(threads, sources.size()))).run(progress, sink);
            return;
        }
        CheckCommand.probes(network, size(), i -> ping(network, i), (i, result) -> {
            seen[i] = id(Outcome.of(result));
            taken(i, progress, sink);
        });
    }

    PingResult ping(Network network, int pair) {
        return network.ping(new PingRequest(netns.get(pair / targets.size()), targets.get(pair % targets.size()).address(), 1,
                INTERVAL, TIMEOUT, OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty()));
    }

    /** The outcome's index among those seen; a new cause is added (by whichever thread saw it first). */
    int id(Outcome o) {
        return o.answered() ? 0 : intern(o);
    }

    private synchronized int intern(Outcome o) {
        return outcomeIds.computeIfAbsent(o, k -> {
            outcomes.add(k);
            return outcomes.size() - 1;
        });
    }

    void record(int pair, int outcome) {
        seen[pair] = outcome;
    }

    /** Pair {@code i}, whose outcome is recorded, is counted and handed on: called in pair order. */
    void taken(int i, Progress progress, Sink sink) throws Exception {
        answered += seen[i] == 0 ? 1 : 0;
        done = i + 1;
        progress.step();
        sink.pair(i);
    }

    NodeName from(int pair) {
        return sources.get(pair / targets.size());
    }

    Target to(int pair) {
        return targets.get(pair % targets.size());
    }

    synchronized Outcome outcome(int pair) {
        return outcomes.get(seen[pair]);
    }

    /** How many of the pairs done so far were answered. */
    long answered() {
        return answered;
    }

    boolean allAnswered() {
        return answered == done;
    }

    /** The matrix (small labs) or the summary (large ones), then Mininet's pingall line. */
    void table(PrintWriter out) {
        if (!silent.isEmpty()) {
            out.println("(not probed from, having no address: " + String.join(", ", silent.stream().map(NodeName::value).toList()) + ")");
        }
        if (targets.size() <= MATRIX_COLUMNS) {
            matrix(out);
        } else {
            summary(out);
        }
        out.println(answered + " of " + done + " pings answered");
        out.println(pingall());
    }

    private void matrix(PrintWriter out) {
        int cols = targets.size();
        int w = sources.stream().mapToInt(n -> n.value().length()).max().orElse(4);
        out.printf("%-" + w + "s", "");
        for (int c = 0; c < cols; c++) {
            out.printf(" %3d", c + 1);
        }
        out.println();
        for (int r = 0; r < sources.size(); r++) {
            out.printf("%-" + w + "s", sources.get(r));
            for (int c = 0; c < cols; c++) {
                out.printf(" %3s", outcome(r * cols + c).mark());
            }
            out.println();
        }
        for (int c = 0; c < cols; c++) {
            out.printf("%3d  %s (%s)%n", c + 1, targets.get(c).label(), targets.get(c).address());
        }
        out.println("ok reply, ! refused by the sender's kernel, x ICMP error, . no answer");
    }

    /** How many pairs of each failing cause are listed before "and N more". */
    static final int LISTED = 10;

    /** Counts per cause (replies first, then the commonest cause of failure), then up to {@link #LISTED} pairs of each. */
    private void summary(PrintWriter out) {
        out.println(sources.size() + " nodes x " + targets.size() + " addresses = " + done + " pings");
        // the same cause may carry different marks (a redirect seen on the way): grouped by its words
        Map<String, List<Integer>> listed = new java.util.LinkedHashMap<>();
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < done; i++) {
            String cause = outcome(i).cause();
            counts.merge(cause, 1L, Long::sum);
            List<Integer> some = listed.computeIfAbsent(cause, k -> new ArrayList<>());
            if (some.size() < LISTED) {
                some.add(i);
            }
        }
        List<String> order = new ArrayList<>();
        order.add("reply");
        listed.keySet().stream().filter(c -> !c.equals("reply"))
                .sorted((a, b) -> Long.compare(counts.get(b), counts.get(a))).forEach(order::add);
        int width = String.valueOf(done).length();
        for (String cause : order) {
            out.printf("  %" + width + "d  %s%n", counts.getOrDefault(cause, 0L), cause);
        }
        for (String cause : order.subList(1, order.size())) {
            out.println(cause + ":");
            for (int i : listed.get(cause)) {
                out.println("  " + from(i) + " -> " + to(i).label() + " (" + to(i).address() + ")");
            }
            long more = counts.get(cause) - listed.get(cause).size();
            if (more > 0) {
                out.println("  ... and " + more + " more (-o json lists every pair)");
            }
        }
    }

    /**
     * Mininet's pingall line: each node with an address to each other such node's first address, counted once per
     * ordered pair ({@code Results: 0% dropped (6/6 received)}).
     */
    String pingall() {
        Map<NodeName, Integer> firstColumn = new HashMap<>();
        for (int c = 0; c < targets.size(); c++) {
            firstColumn.putIfAbsent(targets.get(c).node(), c);
        }
        int sent = 0;
        int received = 0;
        for (int a = 0; a < sources.size(); a++) {
            for (NodeName b : sources) {
                Integer c = b.equals(sources.get(a)) ? null : firstColumn.get(b);
                if (c != null && a * targets.size() + c < done) {
                    sent++;
                    received += outcome(a * targets.size() + c).answered() ? 1 : 0;
                }
            }
        }
        int dropped = sent == 0 ? 0 : (sent - received) * 100 / sent; // Mininet's %i of the percentage: truncated
        return "Results: " + dropped + "% dropped (" + received + "/" + sent + " received)";
    }
}
