package io.nslab.fidelity;

import io.nslab.model.Lab;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated labs: 2 to 16 nodes, veth links and bridges, overlapping IPv4 subnets, /30, /31 and /32,
 * IPv6 /64 and /128, routes right and wrong, reject routes, forwarding and rp_filter per node and per
 * interface, links and loopbacks down. Built from jqwik primitives only, so every lab shrinks.
 * Where a choice has a usual value it comes first in a frequency list: jqwik shrinks towards it.
 */
public final class LabGenerator {
    private LabGenerator() {
    }

    /** Labs named {@code gen}, with plain namespace names (each lab runs in a private namespace directory). */
    public static Arbitrary<Lab> labs() {
        return blueprints().map(b -> BlueprintLab.build(b, "gen"));
    }

    public static Arbitrary<Blueprint> blueprints() {
        return Combinators.combine(
                node().list().ofMinSize(2).ofMaxSize(16),
                link().list().ofMinSize(1).ofMaxSize(24),
                route().list().ofMaxSize(32),
                sysctl().list().ofMaxSize(6),
                rule().list().ofMaxSize(12)).as(Blueprint::new);
    }

    private static Arbitrary<Blueprint.NodeGene> node() {
        return Combinators.combine(
                Arbitraries.of(false, true),
                weighted(12, 3, 3),
                weighted(10, 1).map(i -> i == 1),
                weighted(4, 1).map(i -> i == 1),
                weighted(10, 3, 1),
                Arbitraries.integers().between(0, 5),
                weighted(1, 2).map(i -> i == 1),
                weighted(3, 1).map(i -> i == 1)).as(Blueprint.NodeGene::new);
    }

    private static Arbitrary<Blueprint.LinkGene> link() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 15);
        Arbitrary<Integer> host = Arbitraries.integers().between(1, 6);
        return Combinators.combine(
                index,
                index,
                Arbitraries.integers().between(0, 5),
                weighted(4, 4, 2, 2, 1, 1),
                host,
                host,
                weighted(3, 2, 1),
                weighted(16, 2, 2, 1)).as(Blueprint.LinkGene::new);
    }

    private static Arbitrary<Blueprint.RouteGene> route() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 255);
        return Combinators.combine(
                Arbitraries.integers().between(0, 15),
                weighted(12, 2, 1, 1, 1, 1),
                any,
                any,
                weighted(4, 1, 1)).as(Blueprint.RouteGene::new);
    }

    private static Arbitrary<Blueprint.SysctlGene> sysctl() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 15),
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 2)).as(Blueprint.SysctlGene::new);
    }

    private static Arbitrary<Blueprint.RuleGene> rule() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 15),
                weighted(6, 4, 2, 2, 2, 2, 2),
                weighted(3, 2, 2, 2, 1, 2, 2, 2, 2, 1, 1),
                Arbitraries.integers().between(0, 255),
                weighted(4, 3, 2, 1, 1, 1, 1)).as(Blueprint.RuleGene::new);
    }

    /** 0, 1, 2, ... with the given weights; shrinks towards 0. */
    private static Arbitrary<Integer> weighted(int... weights) {
        @SuppressWarnings("unchecked")
        net.jqwik.api.Tuple.Tuple2<Integer, Integer>[] pairs = new net.jqwik.api.Tuple.Tuple2[weights.length];
        for (int i = 0; i < weights.length; i++) {
            pairs[i] = net.jqwik.api.Tuple.of(weights[i], i);
        }
        return Arbitraries.frequency(pairs);
    }
}
