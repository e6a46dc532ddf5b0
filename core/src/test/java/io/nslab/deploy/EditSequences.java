package io.nslab.deploy;

import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Runs an edit sequence with incremental {@code up} in one world while other programs take and free names, and
 * checks after every step: the lab's namespaces hold what a fresh {@code up} of that step's file builds (in a world
 * of their own); the ledger owns exactly the lab's namespaces, by inode; no stranger's namespace was touched; a step
 * whose names a stranger holds is refused and changes nothing. At the end {@code down} removes exactly the lab.
 */
final class EditSequences {
    private EditSequences() {
    }

    static Arbitrary<Edit> edits() {
        Arbitrary<Integer> i = Arbitraries.integers().between(0, 11);
        return Arbitraries.oneOf(
                i.map(Edit.AddNode::new),
                i.map(Edit.AddNode::new),
                i.map(Edit.RemoveNode::new),
                net.jqwik.api.Combinators.combine(i, i).as(Edit.RenameNode::new),
                net.jqwik.api.Combinators.combine(i, i).as(Edit.AddLink::new),
                net.jqwik.api.Combinators.combine(i, i).as(Edit.AddLink::new),
                i.map(Edit.RemoveLink::new),
                i.map(Edit.ChangeMtu::new),
                i.map(Edit.ToggleForwarding::new),
                i.map(Edit.ToggleRoute::new),
                i.map(Edit.ToggleLoopbackAddress::new),
                i.map(Edit.StrangerTakes::new),
                i.map(Edit.StrangerLeaves::new));
    }

    static Arbitrary<List<Edit>> sequences(int maxLength) {
        return edits().list().ofMinSize(1).ofMaxSize(maxLength);
    }

    /** Runs {@code edits} in a world of {@code kind}; state and a fresh world's state live under {@code tmp}. */
    static void check(String kind, List<Edit> edits) throws IOException {
        Path tmp = Files.createTempDirectory("nslab-edits-");
        try (DeployWorld w = DeployWorld.of(kind, tmp.resolve("live"))) {
            run(kind, w, tmp, edits);
        } finally {
            deleteTree(tmp);
        }
    }

    private static void run(String kind, DeployWorld w, Path tmp, List<Edit> edits) throws IOException {
        EditModel model = new EditModel();
        Map<String, Long> strangers = new LinkedHashMap<>();
        int step = 0;
        for (Edit e : edits) {
            step++;
            String where = "step " + step + " (" + e + ") of " + edits;
            switch (e) {
                case Edit.StrangerTakes s -> {
                    String name = EditModel.netns(EditModel.POOL.get(Math.floorMod(s.pool(), EditModel.POOL.size())));
                    if (!w.namespaces().contains(name)) {
                        w.stranger(name);
                        strangers.put(name, w.inode(name).orElseThrow());
                    }
                    continue;
                }
                case Edit.StrangerLeaves s -> {
                    if (!strangers.isEmpty()) {
                        String name = new ArrayList<>(strangers.keySet()).get(Math.floorMod(s.pick(), strangers.size()));
                        w.deleteNamespace(name);
                        strangers.remove(name);
                    }
                    continue;
                }
                default -> {
                }
            }
            EditModel next = model.copy();
            if (!next.apply(e)) {
                continue;
            }
            String yaml = next.yaml();
            Set<String> wanted = new TreeSet<>(next.nodes.stream().map(EditModel::netns).toList());
            boolean blocked = wanted.stream().anyMatch(strangers::containsKey);
            List<String> before = worldText(w);
            Map<NamespaceRef.Named, Long> ownedBefore = w.store.lab(EditModel.LAB).ownedNamespaces();
            Throwable t = catchThrowable(() -> w.deployer(w.laterTarget()).up(LabLoader.parse("ed.yaml", yaml), yaml, op -> {
            }));
            if (blocked) {
                assertThat(t).as(where + ": refused, a stranger holds a name").isInstanceOf(UpFailure.class)
                        .hasMessageContaining("is not this lab's").hasMessageEndingWith("nothing was changed");
                assertThat(worldText(w)).as(where + ": a refused step changes nothing").isEqualTo(before);
                assertThat(w.store.lab(EditModel.LAB).ownedNamespaces()).as(where + ": ledger unchanged").isEqualTo(ownedBefore);
            } else {
                assertThat(t).as(where + ":\n" + yaml).isNull();
                model = next;
                List<NamespaceRef.Named> netns = model.nodes.stream().map(n -> NamespaceRef.named(EditModel.netns(n))).toList();
                assertThat(StateText.of(w.snapshot(netns), netns)).as(where + ": as a fresh up builds\n" + yaml)
                        .isEqualTo(fresh(kind, tmp.resolve("fresh" + step), yaml, netns));
                assertThat(w.store.lab(EditModel.LAB).ownedNamespaces()).as(where + ": the ledger owns the lab's namespaces")
                        .containsOnlyKeys(netns).allSatisfy((n, inode) -> assertThat(w.inode(n.name())).hasValue(inode));
            }
            strangers.forEach((name, inode) -> assertThat(w.inode(name)).as(where + ": stranger " + name + " untouched").hasValue(inode));
            assertThat(w.namespaces()).as(where + ": nothing else in the world")
                    .containsExactlyInAnyOrderElementsOf(union(model.nodes.stream().map(EditModel::netns).toList(), strangers.keySet()));
        }
        if (w.store.lab(EditModel.LAB).exists()) {
            w.deployer(w.laterTarget()).down(EditModel.LAB);
        }
        assertThat(w.namespaces()).as("after down: the strangers only").containsExactlyInAnyOrderElementsOf(strangers.keySet());
        strangers.forEach((name, inode) -> {
            assertThat(w.inode(name)).hasValue(inode);
            w.deleteNamespace(name);
        });
    }

    private static List<String> union(List<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** Every namespace of the world, with its inode and its state. */
    private static List<String> worldText(DeployWorld w) {
        List<String> out = new ArrayList<>();
        List<NamespaceRef.Named> all = w.namespaces().stream().map(NamespaceRef::named).toList();
        all.forEach(n -> out.add(n + " inode " + w.inode(n.name()).orElse(-1)));
        out.addAll(StateText.of(w.snapshot(all), all));
        return out;
    }

    /** The state a fresh up of {@code yaml} builds, in a world of its own. */
    private static List<String> fresh(String kind, Path state, String yaml, List<NamespaceRef.Named> netns) throws IOException {
        try (DeployWorld f = DeployWorld.of(kind, state)) {
            f.deployer().up(LabLoader.parse("ed.yaml", yaml), yaml, op -> {
            });
            return StateText.of(f.snapshot(netns), netns);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
