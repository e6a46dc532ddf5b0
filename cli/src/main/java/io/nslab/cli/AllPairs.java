package io.nslab.cli;

import io.nslab.Network;
import io.nslab.model.Endpoint;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code check --all-pairs}: every node that has an address pings every interface address of the lab once. Nodes
 * without any address (switches: a bridge and its ports) send nothing and are not counted as failing. A small lab
 * is shown as a matrix; a large one as counts per outcome and the failing pairs grouped by cause.
 */
final class AllPairs {
    /** More addresses than this make a matrix wider than a terminal: the summary is shown instead. */
    static final int MATRIX_COLUMNS = 24;

    /** One address of the lab, as a column of the matrix. */
    record Target(NodeName node, String label, IpAddress address) {
    }

    /** One ping of the matrix and what it saw. */
    record Pair(NodeName from, Target to, PingResult result) {
        boolean answered() {
            return result.received() > 0;
        }

        /** The cause of a failure, in ping's words, for grouping; "reply" for an answered ping. */
        String outcome() {
            if (answered()) {
                return "reply";
            }
            if (result.connectError().isPresent()) {
                return "refused by the sender's kernel: " + result.connectError().get().text();
            }
            return result.events().stream().filter(e -> e instanceof PingEvent.Error).map(e -> (PingEvent.Error) e)
                    .filter(e -> !e.kind().name().startsWith("REDIRECT")).findFirst()
                    .map(e -> "ICMP error: From " + e.from() + " " + e.kind().text()).orElse("no answer");
        }

        String mark() {
            return answered() ? "ok" : result.connectError().isPresent() ? "!" : result.errors() > 0 ? "x" : ".";
        }
    }

    private final Lab lab;
    final List<NodeName> sources = new ArrayList<>();
    final List<NodeName> silent = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();

    AllPairs(Lab lab) {
        this.lab = lab;
        for (Node n : lab.nodes().values()) {
            int before = targets.size();
            for (Endpoint e : lab.endpointsOf(n.name())) {
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
    }

    int size() {
        return sources.size() * targets.size();
    }

    List<Pair> run(Network network, Progress progress) throws Exception {
        int cols = targets.size();
        List<PingResult> results = CheckCommand.probes(network, size(), i -> {
            PingResult r = network.ping(new PingRequest(lab.netnsOf(sources.get(i / cols)), targets.get(i % cols).address(), 1,
                    Duration.ofMillis(200), Duration.ofSeconds(1), OptionalInt.empty(), PingRequest.DEFAULT_SIZE,
                    Optional.empty(), Optional.empty()));
            progress.step();
            return r;
        });
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            pairs.add(new Pair(sources.get(i / cols), targets.get(i % cols), results.get(i)));
        }
        return pairs;
    }

    /** The matrix (small labs) or the summary (large ones), then Mininet's pingall line. */
    void table(List<Pair> pairs, PrintWriter out) {
        if (!silent.isEmpty()) {
            out.println("(not probed from, having no address: " + String.join(", ", silent.stream().map(NodeName::value).toList()) + ")");
        }
        if (targets.size() <= MATRIX_COLUMNS) {
            matrix(pairs, out);
        } else {
            summary(pairs, out);
        }
        long answered = pairs.stream().filter(Pair::answered).count();
        out.println(answered + " of " + pairs.size() + " pings answered");
        out.println(pingall(pairs));
    }

    private void matrix(List<Pair> pairs, PrintWriter out) {
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
                out.printf(" %3s", pairs.get(r * cols + c).mark());
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

    private void summary(List<Pair> pairs, PrintWriter out) {
        out.println(sources.size() + " nodes x " + targets.size() + " addresses = " + pairs.size() + " pings");
        Map<String, List<Pair>> seen = new LinkedHashMap<>();
        pairs.forEach(p -> seen.computeIfAbsent(p.outcome(), k -> new ArrayList<>()).add(p));
        // replies first, then the causes of failure, the commonest first
        Map<String, List<Pair>> byOutcome = new LinkedHashMap<>();
        byOutcome.put("reply", seen.getOrDefault("reply", List.of()));
        seen.entrySet().stream().filter(e -> !e.getKey().equals("reply"))
                .sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()))
                .forEach(e -> byOutcome.put(e.getKey(), e.getValue()));
        int width = String.valueOf(pairs.size()).length();
        byOutcome.forEach((outcome, list) -> out.printf("  %" + width + "d  %s%n", list.size(), outcome));
        byOutcome.forEach((outcome, list) -> {
            if (outcome.equals("reply") || list.isEmpty()) {
                return;
            }
            out.println(outcome + ":");
            for (Pair p : list.subList(0, Math.min(LISTED, list.size()))) {
                out.println("  " + p.from() + " -> " + p.to().label() + " (" + p.to().address() + ")");
            }
            if (list.size() > LISTED) {
                out.println("  ... and " + (list.size() - LISTED) + " more (-o json lists every pair)");
            }
        });
    }

    /**
     * Mininet's pingall line: each node with an address to each other such node's first address, counted once per
     * ordered pair ({@code Results: 0% dropped (6/6 received)}).
     */
    String pingall(List<Pair> pairs) {
        Map<String, Pair> first = new java.util.HashMap<>();
        for (Pair p : pairs) {
            first.putIfAbsent(p.from() + "\0" + p.to().node(), p);
        }
        int sent = 0;
        int received = 0;
        for (NodeName a : sources) {
            for (NodeName b : sources) {
                Pair p = a.equals(b) ? null : first.get(a + "\0" + b);
                if (p != null) {
                    sent++;
                    received += p.answered() ? 1 : 0;
                }
            }
        }
        int dropped = sent == 0 ? 0 : (sent - received) * 100 / sent; // Mininet's %i of the percentage: truncated
        return "Results: " + dropped + "% dropped (" + received + "/" + sent + " received)";
    }
}
