package io.nslab.deploy;

import io.nslab.model.IfName;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import io.nslab.op.Op;
import io.nslab.op.PhaseListener;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a learner changes by hand after {@code up} — a route deleted, forwarding off, a link down, a static
 * neighbour flushed, an address added, a veth deleted — is what {@code plan} shows and {@code up} puts back,
 * in both worlds; {@code --keep-drift} leaves it.
 */
class DriftRepairTest {
    @TempDir
    Path state;

    private static final Path SEED = Path.of("../examples/seed.yaml");

    private static void byHand(DeployWorld w, Op op) {
        w.target().applyPhase(List.of(op), PhaseListener.NONE).ifPresent(e -> {
            throw e;
        });
    }

    private static UpResult up(Deployer d, Path file) throws IOException {
        return d.up(LabLoader.load(file), Files.readString(file), op -> {
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void whatWasChangedByHandIsShownAndPutBack(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            Lab lab = LabLoader.load(SEED);
            up(w.deployer(), SEED);
            var ns1 = NamespaceRef.named("ns1");
            var router = NamespaceRef.named("router");
            byHand(w, new Op.DeleteRoute(ns1, lab.node(io.nslab.model.NodeName.of("ns1")).orElseThrow().routes().getFirst()));
            byHand(w, new Op.SetSysctl(router, "net.ipv4.ip_forward", "0"));
            byHand(w, new Op.AddAddress(ns1, IfName.of("v1"), IpPrefix.parse("10.99.0.1/24")));

            assertThat(w.deployer().plan(lab).ops()).extracting(Op::command).containsExactly(
                    "ip -n ns1 addr del 10.99.0.1/24 dev v1",
                    "ip netns exec router sysctl -w net.ipv4.ip_forward=1",
                    "ip -n ns1 route add 10.10.20.0/24 via 10.10.10.1");
            UpResult repaired = up(w.deployer(), SEED);
            assertThat(repaired.upToDate()).isFalse();
            DeployerTest.assertBuiltAsTheFileSays(w, lab);
            assertThat(w.deployer().plan(lab).isEmpty()).as("nothing left to repair").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void aLinkSetDownOrDeletedByHandIsMadeAgainWithEverythingOnIt(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            Lab lab = LabLoader.load(SEED);
            up(w.deployer(), SEED);
            // down: the kernel drops the static route through it too
            byHand(w, new Op.SetLinkState(NamespaceRef.named("ns1"), IfName.of("v1"), false));
            assertThat(w.deployer().plan(lab).ops()).extracting(Op::command).containsExactly(
                    "ip -n ns1 link set v1 up", "ip -n ns1 route add 10.10.20.0/24 via 10.10.10.1");
            up(w.deployer(), SEED);
            DeployerTest.assertBuiltAsTheFileSays(w, lab);

            byHand(w, new Op.DeleteLink(NamespaceRef.named("ns2"), IfName.of("v2")));
            up(w.deployer(), SEED);
            DeployerTest.assertBuiltAsTheFileSays(w, lab);
            assertThat(w.deployer().plan(lab).isEmpty()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void keepDriftLeavesTheHandsWork(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            Lab lab = LabLoader.load(SEED);
            up(w.deployer(), SEED);
            byHand(w, new Op.SetSysctl(NamespaceRef.named("router"), "net.ipv4.ip_forward", "0"));
            assertThat(w.deployer().keepDrift(true).plan(lab).isEmpty()).isTrue();
            assertThat(up(w.deployer().keepDrift(true), SEED).upToDate()).isTrue();
            assertThat(w.target().readSysctl(NamespaceRef.named("router"), "net.ipv4.ip_forward")).isEqualTo("0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void flushedStaticNeighboursArePutBack(String kind) throws IOException {
        String text = Files.readString(Path.of("../examples/bridge.yaml")).replace("name: bridge", "name: bridge\ndefaults: {neighbours: static}");
        Lab lab = LabLoader.parse("bridge.yaml", text);
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            w.deployer().up(lab, text, op -> {
            });
            // down and up again: the kernel flushes a device's neighbour entries, permanent ones too, when it goes down
            byHand(w, new Op.SetLinkState(NamespaceRef.named("bridge-h1"), IfName.of("eth0"), false));
            byHand(w, new Op.SetLinkState(NamespaceRef.named("bridge-h1"), IfName.of("eth0"), true));
            List<Op> plan = w.deployer().plan(lab).ops();
            assertThat(plan).isNotEmpty().allMatch(op -> op instanceof Op.AddNeighbour);
            w.deployer().up(lab, text, op -> {
            });
            assertThat(w.deployer().plan(lab).isEmpty()).isTrue();
        }
    }
}
