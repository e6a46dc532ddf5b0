package io.nslab.sim;

import io.nslab.model.Family;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.MacAddress;
import io.nslab.model.NamespaceRef;
import io.nslab.state.AddressScope;
import io.nslab.state.LinkKind;
import io.nslab.state.RouteKind;
import io.nslab.state.RouteState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing table's trie against a linear reference lookup over random route sets: the longest prefix wins, then
 * the lowest metric, then the older route; backtracking sees every containing prefix, longest first; the local
 * table is asked before main whatever main holds. Changes interleave with lookups, so the trie's splits and merges
 * on insert and removal are checked as they happen.
 */
class RoutingTableTrieTest {
    private static final SimLink DEV = new SimLink(null, 2, IfName.of("eth0"), LinkKind.VETH, 1500, new MacAddress(2));
    private static final SimLink OTHER = new SimLink(null, 3, IfName.of("eth1"), LinkKind.VETH, 1500, new MacAddress(3));

    /** One step: add a route (remove == false), or remove the route added {@code pick}-th among those present. */
    record Step(boolean remove, int pick, IpPrefix prefix, int metric, boolean local) {
    }

    /**
     * {@code large}: the tables start with enough routes for the lookup memo of large tables, which must forget its
     * answers at every change.
     */
    @Property(tries = 300)
    void trieAgreesWithALinearLookup(@ForAll("steps") List<Step> steps, @ForAll("probes") List<IpAddress> probes,
                                     @ForAll boolean large, @ForAll long seed) {
        SimNamespace ns = new SimNamespace(NamespaceRef.named("t"), 1);
        List<SimRoute> present = new ArrayList<>();
        long seq = 0;
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; large && i < 2 * LookupMemo.MIN_ROUTES; i++) {
            IpAddress a = random.nextInt(4) == 0 ? IpAddress.v4(random.nextInt()) : IpAddress.v4(0x0a000000 | random.nextInt(1024));
            SimRoute r = new SimRoute(i % 2 == 0 ? RouteState.TABLE_LOCAL : RouteState.TABLE_MAIN, RouteKind.UNICAST,
                    new IpPrefix(a, 16 + random.nextInt(17)).network(), Optional.empty(), DEV, RouteState.PROTO_BOOT,
                    AddressScope.UNIVERSE, Optional.empty(), random.nextInt(3), false, seq++);
            table(ns, r).add(r);
            present.add(r);
        }
        for (Step s : steps) {
            if (s.remove() && !present.isEmpty()) {
                SimRoute gone = present.remove(Math.floorMod(s.pick(), present.size()));
                assertThat(table(ns, gone).remove(gone)).isTrue();
                assertThat(table(ns, gone).remove(gone)).isFalse();
            } else if (!s.remove()) {
                IpPrefix d = s.prefix().network();
                SimRoute r = new SimRoute(s.local() ? RouteState.TABLE_LOCAL : RouteState.TABLE_MAIN, RouteKind.UNICAST, d,
                        Optional.empty(), s.pick() % 2 == 0 ? DEV : OTHER, RouteState.PROTO_BOOT, AddressScope.UNIVERSE,
                        Optional.empty(), s.metric(), false, seq++);
                table(ns, r).add(r);
                present.add(r);
            }
            for (IpAddress dst : probes) {
                check(ns, present, dst);
            }
            for (SimRoute r : present.subList(Math.max(0, present.size() - 12), present.size())) {
                check(ns, present, r.destination().address());
            }
        }
        for (RoutingTable t : ns.tables()) {
            List<SimRoute> expected = present.stream().filter(r -> r.table() == t.id).sorted(RoutingTable.LISTING_ORDER).toList();
            assertThat(List.copyOf(t.routes())).containsExactlyElementsOf(expected);
        }
    }

    private static RoutingTable table(SimNamespace ns, SimRoute r) {
        return r.table() == RouteState.TABLE_LOCAL ? ns.local : ns.main;
    }

    private static void check(SimNamespace ns, List<SimRoute> present, IpAddress dst) {
        List<SimRoute> local = present.stream().filter(r -> r.table() == RouteState.TABLE_LOCAL).toList();
        List<SimRoute> main = present.stream().filter(r -> r.table() == RouteState.TABLE_MAIN).toList();
        assertThat(ns.local.candidates(dst)).as("local candidates for %s", dst).isEqualTo(reference(local, dst));
        assertThat(ns.main.candidates(dst)).as("main candidates for %s", dst).isEqualTo(reference(main, dst));
        SimRoute expected = reference(local, dst).stream().findFirst().or(() -> reference(main, dst).stream().findFirst())
                .map(List::getFirst).orElse(null);
        assertThat(Fib.lookup(ns, dst).orElse(null)).as("Fib.lookup(%s)", dst).isSameAs(expected);
        for (SimRoute r : present.subList(Math.max(0, present.size() - 12), present.size())) {
            assertThat(table(ns, r).at(r.destination())).contains(r);
        }
    }

    /** Every route whose prefix contains {@code dst}, grouped by prefix, longest first, each by metric then age. */
    private static List<List<SimRoute>> reference(List<SimRoute> routes, IpAddress dst) {
        TreeMap<Integer, List<SimRoute>> byLength = new TreeMap<>(Comparator.reverseOrder());
        for (SimRoute r : routes) {
            if (r.destination().family() == dst.family() && r.destination().contains(dst)) {
                byLength.computeIfAbsent(r.destination().length(), k -> new ArrayList<>()).add(r);
            }
        }
        List<List<SimRoute>> out = new ArrayList<>();
        for (List<SimRoute> group : byLength.values()) {
            group.sort(Comparator.comparingInt(SimRoute::metric).thenComparingLong(SimRoute::seq));
            out.add(group);
        }
        return out;
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> add = Combinators.combine(Arbitraries.integers().between(0, 1000), prefixes(),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 4).map(i -> i == 0))
                .as((pick, prefix, metric, local) -> new Step(false, pick, prefix, metric, local));
        Arbitrary<Step> remove = Arbitraries.integers().between(0, 1000).map(pick -> new Step(true, pick, null, 0, false));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, add), net.jqwik.api.Tuple.of(1, remove)).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<IpAddress>> probes() {
        return addresses().list().ofMinSize(1).ofMaxSize(12);
    }

    /** Prefixes that overlap often: IPv4 in 10.0.0.0/22 or anywhere, IPv6 around fd00::/64 or anywhere. */
    private static Arbitrary<IpPrefix> prefixes() {
        return addresses().flatMap(a -> Arbitraries.integers().between(0, a.family().bits()).map(len -> new IpPrefix(a, len)));
    }

    private static Arbitrary<IpAddress> addresses() {
        Arbitrary<IpAddress> nearV4 = Arbitraries.integers().between(0, 1023).map(i -> IpAddress.v4(0x0a000000 | i));
        Arbitrary<IpAddress> anyV4 = Arbitraries.integers().map(IpAddress::v4);
        Arbitrary<IpAddress> nearV6 = Combinators.combine(Arbitraries.longs().between(0, 3), Arbitraries.longs().between(0, 255))
                .as((h, l) -> new IpAddress(Family.INET6, 0xfd00000000000000L | h, l << 56 | l));
        Arbitrary<IpAddress> anyV6 = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as((h, l) -> new IpAddress(Family.INET6, h, l));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, nearV4), net.jqwik.api.Tuple.of(1, anyV4),
                net.jqwik.api.Tuple.of(3, nearV6), net.jqwik.api.Tuple.of(1, anyV6));
    }

    @Test
    void aPrefixAboveAnotherSplitsItsEdgeAndMergesBackOnRemoval() {
        LpmTrie<String> t = new LpmTrie<>();
        t.put(IpPrefix.parse("10.0.1.0/24"), "a");
        t.put(IpPrefix.parse("10.0.2.0/24"), "b");
        t.put(IpPrefix.parse("10.0.0.0/16"), "c");
        t.put(IpPrefix.parse("0.0.0.0/0"), "d");
        assertThat(t.longest(IpAddress.parse("10.0.1.7"))).isEqualTo("a");
        assertThat(t.longest(IpAddress.parse("10.0.3.7"))).isEqualTo("c");
        assertThat(t.longest(IpAddress.parse("11.0.0.1"))).isEqualTo("d");
        assertThat(t.matching(IpAddress.parse("10.0.2.1"))).containsExactly("b", "c", "d");
        assertThat(t.remove(IpPrefix.parse("10.0.0.0/16"))).isEqualTo("c");
        assertThat(t.remove(IpPrefix.parse("10.0.0.0/16"))).isNull();
        assertThat(t.longest(IpAddress.parse("10.0.3.7"))).isEqualTo("d");
        assertThat(t.get(IpPrefix.parse("10.0.2.0/24"))).isEqualTo("b");
        assertThat(t.size()).isEqualTo(3);
    }
}
