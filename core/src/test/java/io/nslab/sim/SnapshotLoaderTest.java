package io.nslab.sim;

import io.nslab.model.Family;
import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import io.nslab.render.IpRouteText;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator loaded from a snapshot holds what the snapshot says: a lab built in the simulator, read back, loaded
 * into a second simulator and read back again gives the same state (every example and the labs the fidelity work
 * kept). The kernel side (a kernel snapshot loaded into the simulator) is KernelSnapshotLoadsTest.
 */
public class SnapshotLoaderTest {

    static Stream<Path> labs() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("../examples"))) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
        }
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/labs/valid"))) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void aSimulatedLabReadBackAndLoadedIsTheSameLab(Path file) throws Exception {
        Lab lab = LabLoader.load(file);
        try (SimNetwork built = SimNetwork.of(lab)) {
            Snapshot before = built.snapshot();
            SnapshotLoader.Loaded loaded = SnapshotLoader.load(before);
            assertThat(loaded.leftOut()).as("left out").isEmpty();
            assertThat(text(loaded.network().snapshot())).isEqualTo(text(before));
        }
    }

    /** The state as lines, indexes aside (a loaded namespace numbers its links in its own order). */
    public static List<String> text(Snapshot s) {
        List<String> out = new ArrayList<>();
        for (NamespaceState ns : s.namespaces()) {
            String n = ns.netns().toString();
            ns.links().stream().map(l -> n + ": link " + l.name() + " " + l.kind() + " mtu " + l.mtu() + " " + l.mac()
                    + (l.adminUp() ? " up" : "") + (l.carrier() ? " carrier" : "") + " " + l.operState()
                    + l.master().map(m -> " master " + m).orElse("") + l.peer().map(p -> " peer " + p.netns() + ":" + p.name()).orElse(""))
                    .sorted().forEach(out::add);
            ns.addresses().stream().map(a -> n + ": addr " + a.dev() + " " + a.address() + " " + a.scope() + (a.secondary() ? " secondary" : ""))
                    .sorted().forEach(out::add);
            for (Family f : Family.values()) {
                for (int table : new int[] {RouteState.TABLE_MAIN, RouteState.TABLE_LOCAL}) {
                    IpRouteText.show(ns, table, f).lines().map(l -> n + ": route " + f + " " + table + " " + l.strip()).sorted().forEach(out::add);
                }
            }
            ns.sysctls().forEach((k, v) -> out.add(n + ": " + k + " = " + v));
            ns.neighbours().forEach(x -> out.add(n + ": neigh " + x));
        }
        return out;
    }
}
