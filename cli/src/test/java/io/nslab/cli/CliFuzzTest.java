package io.nslab.cli;

import io.nslab.fuzz.FuzzTally;
import io.nslab.fuzz.FuzzTries;
import io.nslab.fuzz.HostWorld;
import io.nslab.kernel.KernelTestSupport;
import io.nslab.model.load.FuzzLabs;
import io.nslab.script.FuzzScripts;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzed lab files and scripts through the real {@code nslab} command line: {@code validate}, {@code up --sim},
 * {@code script}, and {@code up} on the kernel with a private namespace and state directory. Bad input
 * exits 2 with {@code file:line:col} (or the offending value) on stderr and no stack trace; {@code up} of
 * a refused lab leaves the namespace directory, the state directory and the host's root namespace as
 * they were. Figures in {@code target/fuzz/cli.figures}.
 */
@AddLifecycleHook(FuzzTries.class)
class CliFuzzTest {
    static final FuzzTally TALLY = new FuzzTally("cli", Duration.ofSeconds(30));
    private static KernelTestSupport kernel;
    private static Path work;
    private static HostWorld before;
    private static final java.util.concurrent.atomic.AtomicInteger REFUSED_UPS = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger VALID_LABS = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger DEPLOYED = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger KERNEL_REFUSALS = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeContainer
    static void setUp() throws IOException {
        work = Files.createTempDirectory("nslab-cli-fuzz-");
        // what hostile lab names must not reach: a file beside the state directory, a directory in it that is no lab
        Files.createDirectories(work.resolve("args/state/not-a-lab"));
        Files.writeString(work.resolve("args/precious"), "keep me\n");
        Files.writeString(work.resolve("args/state/not-a-lab/namespaces"), "keep me too\n");
        try {
            kernel = KernelTestSupport.create();
        } catch (org.opentest4j.TestAbortedException e) {
            kernel = null; // no privilege: the kernel's up is left out, everything else runs
        }
        before = HostWorld.read();
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try {
            TALLY.kernelChanges(before.changesTo(HostWorld.read()).size());
            TALLY.report();
            System.out.println("fuzz cli: " + VALID_LABS + " labs valid, " + REFUSED_UPS + " refused by up on the kernel; "
                    + DEPLOYED + " valid labs up and down on the kernel, " + KERNEL_REFUSALS + " refused by the kernel and rolled back");
            assertThat(VALID_LABS.get()).as("the generator reaches valid labs").isPositive();
            assertThat(REFUSED_UPS.get() > 0 || kernel == null).as("up on the kernel was tried").isTrue();
        } finally {
            if (kernel != null) {
                kernel.close();
            }
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<byte[]> labFiles() {
        return Arbitraries.oneOf(
                Arbitraries.randomValue(r -> FuzzLabs.broken(r).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.randomValue(r -> FuzzLabs.unbroken(r).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.strings().ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> scripts() {
        return Arbitraries.oneOf(Arbitraries.randomValue(FuzzScripts::random), Arbitraries.strings().ofMaxLength(200),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(b -> new String(b, StandardCharsets.ISO_8859_1)));
    }

    @Property(tries = 150)
    void labFilesThroughTheCommandLine(@ForAll("labFiles") byte[] content) {
        TALLY.check(new String(content, StandardCharsets.UTF_8), () -> {
            Path file = write("fuzz.yaml", content);
            CliRun validate = CliRun.of("validate", file.toString());
            assertClean(validate, file);
            CliRun sim = CliRun.of("up", "--sim", file.toString());
            assertClean(sim, file);
            assertThat(sim.exitCode() == 2).as("up --sim refuses what validate refuses").isEqualTo(validate.exitCode() == 2);
            if (validate.exitCode() == 0) {
                VALID_LABS.incrementAndGet();
            }
            if (validate.exitCode() == 2 && kernel != null) {
                upChangesNothing(file);
            }
        });
    }

    @Property(tries = 150)
    void scriptsThroughTheCommandLine(@ForAll("scripts") String source) {
        TALLY.check(source, () -> {
            Path file = write("fuzz.sh", source.chars().allMatch(c -> c < 256) ? source.getBytes(StandardCharsets.ISO_8859_1)
                    : source.getBytes(StandardCharsets.UTF_8));
            CliRun run = CliRun.of("script", file.toString());
            String all = run.out() + run.err();
            // the exit status is the script's own (ip exits 255, a missing command 127); a refusal names its place
            assertThat(run.exitCode()).as(all).isBetween(0, 255);
            assertThat(all).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
            run.err().lines().filter(l -> l.startsWith(file.toString())).forEach(l ->
                    assertThat(l).matches(".*fuzz\\.sh((:[0-9]+:[0-9]+|: line [0-9]+): .*|: not UTF-8 text)"));
        });
    }

    @Provide
    Arbitrary<List<String>> hostileArguments() {
        return Arbitraries.randomValue(r -> {
            String v = FuzzLabs.hostileValue(r);
            String w = FuzzLabs.hostileValue(r);
            String seed = "../examples/seed.yaml";
            // hostile values only after "--": they are arguments, never options that could move the private directories
            String[] pingOptions = {"-c", "-W", "-i", "-t", "-s", "-I"};
            String[] traceOptions = {"-m", "-q", "-w"};
            return switch (r.nextInt(14)) {
                case 12 -> List.of("ping", "--sim", "-l", seed, pingOptions[r.nextInt(6)], v, pingOptions[r.nextInt(6)], w, "--", "ns1", "ns2");
                case 13 -> List.of("trace", "--sim", "-l", seed, traceOptions[r.nextInt(3)], v, traceOptions[r.nextInt(3)], w, "--", "ns1", "ns2");
                case 0 -> List.of("down", "--", v);
                case 1 -> List.of("status", "--", v);
                case 2 -> List.of("ns", "--", v);
                case 3 -> List.of("plan", "--", v);
                case 4 -> List.of("check", "--sim", "--", v);
                case 5 -> List.of("ping", "--sim", "-l", seed, "--", v, w);
                case 6 -> List.of("trace", "--sim", "-l", seed, "--", r.nextBoolean() ? "ns1" : v, w);
                case 7 -> List.of("ping", "--sim", "-l", seed, "-c", v, "-W", w, "--", "ns1", "ns2");
                case 8 -> List.of("exec", "--", v, "true");
                case 9 -> List.of("import", "--", v);
                case 10 -> List.of("ping", "--sim", "-l", v, "--", "ns1", w);
                default -> List.of("up", "--sim", "--", v);
            };
        });
    }

    /**
     * Hostile arguments to the commands that take names, nodes, destinations and counts: a clean answer or
     * refusal (never exit 4, never a stack trace), and nothing changed around the private state directory,
     * in the namespace directory or on the host.
     */
    @Property(tries = 150)
    void hostileArgumentsThroughTheCommandLine(@ForAll("hostileArguments") List<String> args) {
        TALLY.check(String.join(" ", args), () -> {
            Path state = work.resolve("args/state");
            Path netns = kernel != null ? kernel.directory() : work.resolve("args/netns");
            HostWorld host = HostWorld.read(netns, work.resolve("args"));
            List<String> all = new java.util.ArrayList<>(args.subList(0, args.indexOf("--")));
            all.addAll(List.of("--netns-dir", netns.toString(), "--state-dir", state.toString()));
            all.addAll(args.subList(args.indexOf("--"), args.size()));
            CliRun run = CliRun.of(all.toArray(new String[0]));
            String out = run.out() + run.err();
            assertThat(run.exitCode()).as(out).isIn(0, 1, 2, 3);
            assertThat(out).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
            assertThat(host.changesTo(HostWorld.read(netns, work.resolve("args")))).as("changes").isEmpty();
        });
    }

    @Provide
    Arbitrary<String> deployableLabs() {
        return Arbitraries.randomValue(FuzzLabs::deployable);
    }

    /**
     * Valid random labs on the kernel, in private directories: {@code up} succeeds and {@code down} then
     * leaves nothing, or the kernel refuses an op part of the way (an IPv6 address on a link below 1280,
     * say), {@code up} exits 3 naming the node, and its rollback leaves nothing. Either way the root
     * namespace is as it was.
     */
    @Property(tries = 20)
    void validLabsUpAndDownOnTheKernel(@ForAll("deployableLabs") String text) {
        if (kernel == null) {
            return;
        }
        TALLY.check(text, () -> {
            Path file = write("deploy.yaml", text.getBytes(StandardCharsets.UTF_8));
            if (CliRun.of("validate", file.toString()).exitCode() != 0) {
                return;
            }
            Path state = work.resolve("deploy-state");
            String[] dirs = {"--netns-dir", kernel.directory().toString(), "--state-dir", state.toString()};
            HostWorld host = HostWorld.read(kernel.directory(), state);
            try {
                CliRun up = CliRun.of(concat(new String[] {"up", file.toString()}, dirs));
                assertThat(up.exitCode()).as(up.err()).isIn(0, 3);
                assertThat(up.out() + up.err()).doesNotContain("\tat ").doesNotContain("internal error");
                if (up.exitCode() == 3) {
                    assertThat(up.err()).as("names the node and says it rolled back").contains(": node \"")
                            .contains("nothing of this run is left");
                    KERNEL_REFUSALS.incrementAndGet();
                } else {
                    DEPLOYED.incrementAndGet();
                    CliRun down = CliRun.of(concat(new String[] {"cleanup"}, dirs));
                    assertThat(down.exitCode()).as(down.err()).isZero();
                }
                assertThat(kernel.registry().list()).as("namespaces left").isEmpty();
                // the state directory's instance id stays once a node made it: it is the directory's, not a lab's
                assertThat(host.changesTo(HostWorld.read(kernel.directory(), state))).as("changes left")
                        .allMatch(c -> c.equals("+ " + state + " instance"));
            } finally {
                CliRun.of(concat(new String[] {"cleanup"}, dirs));
            }
        });
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** {@code up} on the kernel, in private directories: refused with exit 2, and nothing anywhere changed. */
    private static void upChangesNothing(Path file) {
        Path state = work.resolve("state");
        HostWorld host = HostWorld.read(kernel.directory(), state);
        CliRun up = CliRun.of("up", file.toString(), "--netns-dir", kernel.directory().toString(), "--state-dir", state.toString());
        assertClean(up, file);
        assertThat(up.exitCode()).as(up.err()).isEqualTo(2);
        assertThat(host.changesTo(HostWorld.read(kernel.directory(), state))).as("changes made by a refused up").isEmpty();
        assertThat(kernel.registry().list()).isEmpty();
        REFUSED_UPS.incrementAndGet();
    }

    /** Exit 0, 1 or 2 (never 3 or 4); no stack trace; a refusal names the file with line:col or the value. */
    private static void assertClean(CliRun run, Path file) {
        String all = run.out() + run.err();
        assertThat(run.exitCode()).as(all).isIn(0, 1, 2);
        assertThat(all).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
        if (run.exitCode() == 2) {
            assertThat(run.err()).as("names the file").contains(file.toString());
            List<String> lines = run.err().lines().toList();
            assertThat(lines).as("a position or a line").anyMatch(l -> l.matches(".*fuzz\\.(yaml|sh):[0-9]+:[0-9]+: .*")
                    || l.matches(".*fuzz\\.sh: line [0-9]+: .*") || l.contains("not UTF-8") || l.contains("bytes"));
        }
    }

    private static Path write(String name, byte[] content) {
        try {
            Path file = work.resolve(name);
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
