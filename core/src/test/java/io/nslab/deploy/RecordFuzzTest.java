package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.load.LabLoader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records that nslab did not write — random bytes, plausible lines naming other programs' namespaces and files,
 * symbolic links out of the state directory, directories and files swapped — in front of {@code down} and
 * {@code cleanup}: they finish or refuse with a clear message (exit 2 or 3, never an internal error), and delete
 * nothing but what the lab made: canary files outside the state directory and another program's namespace survive.
 */
class RecordFuzzTest {
    private static final String LAB = """
            name: fz
            nodes: {a: {}, b: {}, c: {namespaces: [uts]}}
            links:
              - endpoints: ["a:e0 10.1.0.1/24", "b:e0 10.1.0.2/24"]
            """;
    private static final List<String> FILES = List.of("namespaces", "lab.yaml", "sysctls", "host-links", "applying",
            "nodes", ".lock", "namespaces.tmp", "lab.yaml.tmp", "../host-tuning", "../.host-tuning.lock", "../fz2", "../instance",
            "nodes/c", "nodes/c/owned", "nodes/c/holder", "nodes/c/started");

    /** One thing done to one file of the record. */
    record Damage(String file, int kind, String text) {
    }

    @Provide
    Arbitrary<List<Damage>> damages() {
        Arbitrary<String> lines = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of("own stranger 4026532999", "claim stranger", "own ../../etc 12", "own fz-a -1", "own fz-a 99999999999999999999",
                        "release fz-a", "own fz-a", "claim", "own  fz-a 1", "stranger net.ipv4.ip_forward 1",
                        "fz-a net.ipv4.conf.all.forwarding 1", "fz-a ../../../../etc/passwd x", "net.ipv4.ip_forward 0",
                        "net.ipv4.neigh.default.gc_thresh3 8", "raise net.ipv4.neigh.default.gc_thresh3 8 9999", "lab fz", "raise /etc/passwd 1 2",
                        "raise net.ipv4.ip_forward 1 0", "claim lo", "own eth0 1", "own canary 2", "stranger", "x\u0000y",
                        "uts 4026531838", "1 1", "0123456789abcdef 1 2", "mnt 12"),
                Arbitraries.strings().withChars("own claim release fz-ab0123456789 \n./").ofMaxLength(80));
        Arbitrary<Damage> d = net.jqwik.api.Combinators.combine(Arbitraries.of(FILES), Arbitraries.integers().between(0, 5),
                lines.list().ofMaxSize(6).map(l -> String.join("\n", l))).as(Damage::new);
        return d.list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.FULL)
    void inTheSimulator(@ForAll("damages") List<Damage> damages) throws IOException {
        check("sim", damages);
    }

    /** On the kernel, node teardown (the nodes/ directory) and namespace deletion are the real ones. */
    @Property(tries = 60, shrinking = ShrinkingMode.FULL)
    @net.jqwik.api.lifecycle.AddLifecycleHook(EditSequencesTest.KernelOnly.class)
    void onTheKernel(@ForAll("damages") List<Damage> damages) throws IOException {
        check("kernel", damages);
    }

    private static void check(String kind, List<Damage> damages) throws IOException {
        Path tmp = Files.createTempDirectory("nslab-recfuzz-");
        try (DeployWorld w = DeployWorld.of(kind, tmp)) {
            Path canaries = Files.createDirectories(tmp.resolve("canaries"));
            Files.writeString(canaries.resolve("keep"), "keep\n");
            w.stranger("stranger");
            long stranger = w.inode("stranger").orElseThrow();
            w.deployer().up(LabLoader.parse("fz.yaml", LAB), LAB, op -> {
            });
            Path dir = w.store.lab("fz").directory();
            for (Damage d : damages) {
                try {
                    damage(dir.resolve(d.file()), d, canaries);
                } catch (java.nio.file.FileSystemException e) {
                    // a mounted namespace file (nodes/c/uts) cannot be deleted, nor what holds it: that damage is not done
                }
            }
            Map<String, String> before = tree(canaries);

            for (var action : List.<Runnable>of(() -> w.deployer().down("fz"), () -> w.deployer().cleanup())) {
                try {
                    action.run();
                } catch (NslabException e) {
                    assertThat(e.exitCode()).as("%s after %s", e.getMessage(), damages).isIn(ExitCode.BAD_INPUT, ExitCode.ENVIRONMENT);
                }
            }
            assertThat(tree(canaries)).as("files outside the state directory, after %s", damages).isEqualTo(before);
            assertThat(w.inode("stranger")).as("another program's namespace, after %s", damages).hasValue(stranger);
            w.deleteNamespace("stranger");
        } finally {
            detachMountsBelow(tmp); // a namespace of node c whose record was damaged stays mounted, as it should
            deleteTree(tmp);
        }
    }

    /** Unmounts what this test's world left mounted below its own directory (never anything elsewhere). */
    private static void detachMountsBelow(Path dir) throws IOException {
        String prefix = dir.toRealPath() + "/";
        List<String> points = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(l -> l.split(" ")[4])
                .filter(m -> m.startsWith(prefix)).sorted(java.util.Comparator.reverseOrder()).toList();
        for (String m : points) {
            try {
                new ProcessBuilder("umount", "-l", m).start().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes, links or swaps one record file as {@code d} says. */
    private static void damage(Path p, Damage d, Path canaries) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(p)) {
            deleteTree(p);
        } else {
            Files.deleteIfExists(p);
        }
        switch (d.kind()) {
            case 0 -> Files.writeString(p, d.text(), StandardCharsets.UTF_8);
            case 1 -> Files.write(p, d.text().getBytes(StandardCharsets.ISO_8859_1));
            case 2 -> Files.createSymbolicLink(p, canaries.resolve("keep"));
            case 3 -> Files.createSymbolicLink(p, canaries);
            case 4 -> Files.createDirectories(p).resolve("inner");
            default -> Files.writeString(p, d.text() + "\n" + d.text(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (var s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                out.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "dir");
            }
        }
        return out;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
