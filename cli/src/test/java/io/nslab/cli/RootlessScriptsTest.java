package io.nslab.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code nslab sandbox} and the kernel side of {@code nslab script} as an ordinary user (issue 19): nobody's sandbox
 * is a user namespace of its own, where nobody is root, with the same contained world as root's (private
 * {@code /run/netns}, the host's files read-only), and the corpus scripts print with the real tools what they
 * printed as root (the recorded NAME.out). Needs root to become nobody (CI is root); skips with the reason otherwise.
 */
class RootlessScriptsTest {
    /**
     * The corpus scripts run as nobody in every build, one of each kind of tool (all 60: -Dnslab.rootlessCorpus=all,
     * 3.7 min on 2 busy cores).
     */
    static final List<String> SOME = List.of("02-netns-exec.sh", "08-bridge.sh", "19-nettools-route.sh", "21-sysctl.sh",
            "22-proc.sh", "26-router-forwarding.sh", "34-traceroute.sh", "41-sudo-two-namespaces.sh", "50-tc-tbf.sh",
            "53-arp.sh", "57-nsenter.sh", "58-proc-sys.sh", "60-container-bridge.sh");

    @TempDir
    Path tmp;

    private NobodyRun nobody;
    private Path work;

    @BeforeEach
    void setUp() throws IOException {
        String why = NobodyRun.whyNot();
        if (why != null) {
            System.out.println("RootlessScriptsTest skipped: " + why);
        }
        assumeTrue(why == null, why);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        work = Files.createDirectory(tmp.resolve("work"));
        nobody = NobodyRun.in(work, Map.of());
    }

    @Test
    void nobodysSandboxIsAWorldOfItsOwnWhereNobodyIsRootAndTheHostIsReadOnly() throws Exception {
        String hostNetns = run("ip", "netns", "list");
        List<String> tmpBefore = nobodysInTmp();
        NobodyRun.Result r = nobody.run("sandbox", "--", "sh", "-c", "id -u; ip netns add lab1 && ip netns list; "
                + "ip link add v0 type veth peer name v1 && ip -br link show v0 | cut -d' ' -f1; "
                + "touch /usr/nslab-canary 2>&1 | sed 's/.*: //'; cat /proc/sys/net/ipv4/ip_forward; exit 7");
        assertThat(r.exit()).as(r.both()).isEqualTo(7);
        assertThat(r.out().lines().toList()).as(r.both())
                .containsExactly("0", "lab1", "v0@v1", "Read-only file system", "0");
        assertThat(run("ip", "netns", "list")).as("the host's ip netns").isEqualTo(hostNetns);
        assertThat(Files.exists(Path.of("/usr/nslab-canary"))).isFalse();
        assertThat(nobodysInTmp()).as("nobody's work directories in /tmp").isEqualTo(tmpBefore);
    }

    @Test
    void nobodysScriptCompareFindsNoDifferenceOnTheTutorialsScript() throws Exception {
        Path seed = work.resolve("seed.sh");
        Files.copy(Path.of("../examples/seed.sh"), seed);
        Files.setPosixFilePermissions(seed, PosixFilePermissions.fromString("rw-r--r--"));
        NobodyRun.Result r = nobody.run("script", "--compare", "seed.sh");
        assertThat(r.exit()).as(r.both()).isZero();
        assertThat(r.out()).contains("seed.sh: no difference between the kernel and the simulator");
    }

    @Test
    void corpusScriptsPrintAsNobodyWhatTheyPrintedAsRoot() throws Exception {
        Path corpus = Files.createDirectory(work.resolve("scripts"));
        Files.setPosixFilePermissions(corpus, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> s = Files.list(Path.of("../core/src/test/resources/scripts"))) {
            for (Path f : s.toList()) {
                Path to = corpus.resolve(f.getFileName().toString());
                Files.copy(f, to);
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        List<String> names;
        try (Stream<Path> s = Files.list(corpus)) {
            List<String> all = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sh")).sorted().toList();
            names = "all".equals(System.getProperty("nslab.rootlessCorpus")) ? all : SOME;
            assertThat(all).containsAll(SOME);
        }
        List<String> args = new ArrayList<>(List.of(corpus.toString()));
        args.addAll(names);
        NobodyRun.Result r = nobody.runMain(CorpusKernelRun.class.getName(), args.toArray(String[]::new));
        assertThat(r.exit()).as(r.both()).isZero();
        List<String> differ = r.out().lines().filter(l -> l.startsWith("== ") && !l.endsWith(": same")).toList();
        if (!differ.isEmpty()) {
            // a corpus script differs from its recording at times, as root too (ScriptCorpusTest): once more each
            List<String> again = new ArrayList<>(List.of(corpus.toString()));
            differ.forEach(l -> again.add(l.split(" ")[1]));
            NobodyRun.Result retry = nobody.runMain(CorpusKernelRun.class.getName(), again.toArray(String[]::new));
            System.out.println("RootlessScriptsTest: differed once, run again: " + differ + "\n" + r.out());
            assertThat(retry.out().lines().filter(l -> l.startsWith("== ") && !l.endsWith(": same")).toList())
                    .as(retry.both()).isEmpty();
        }
        assertThat(r.out().lines().filter(l -> l.startsWith("== ")).count()).as(r.both()).isEqualTo(names.size());
        System.out.println("RootlessScriptsTest: " + names.size() + " corpus scripts as nobody: "
                + String.join(", ", r.out().lines().filter(l -> l.startsWith("== ")).map(l -> l.substring(3)).toList()));
    }

    /**
     * The simulator runs outside nobody's sandbox, as nobody, and keeps files in a directory the sandbox shows
     * (/proc/sys/net's trees, /run/netns), where the script's root is nobody too and may change anything: a link in
     * place of a tree's directory, of /run/netns's files or of a value's file, or a FIFO. No write of the simulator's
     * goes through them to nobody's own files outside, nothing hangs, and its work directory goes.
     */
    @Test
    void aScriptThatPutsLinksInTheSimulatorsFilesReachesNothingOutside() throws Exception {
        Path canary = Files.createDirectory(tmp.resolve("canary"));
        Files.writeString(canary.resolve("ip_forward"), "untouched\n");
        Files.writeString(canary.resolve("ns1"), "untouched\n");
        for (Path p : List.of(canary, canary.resolve("ip_forward"), canary.resolve("ns1"))) {
            Files.setAttribute(p, "unix:uid", NobodyRun.NOBODY);
        }
        Path script = work.resolve("links.sh");
        Files.writeString(script, String.join("\n",
                "cd /proc/sys/net && mv ipv4 ipv4.real && ln -s " + canary + " ipv4 && echo swapped",
                "sysctl -w net.ipv4.ip_forward=1",
                "ln -s " + canary + "/ns1 /run/netns/ns1 && ip netns add ns1",
                "rm -f ipv4.real/ip_forward && mkfifo ipv4.real/ip_forward && sysctl -w net.ipv4.ip_forward=0",
                "echo 1 > ipv4.real/conf/all/forwarding && sysctl net.ipv4.conf.all.forwarding",
                "ip netns list", ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> shmBefore = nobodysWorkIn(Path.of("/dev/shm"));
        NobodyRun.Result r = nobody.run("script", "--time-limit", "60", "links.sh");
        assertThat(r.exit()).as(r.both()).isZero();
        assertThat(r.out()).as(r.both()).contains("swapped\n", "net.ipv4.ip_forward = 0\n", "ns1\n");
        assertThat(Files.readString(canary.resolve("ip_forward"))).isEqualTo("untouched\n");
        assertThat(Files.readString(canary.resolve("ns1"))).isEqualTo("untouched\n");
        try (Stream<Path> s = Files.list(canary)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("ip_forward", "ns1");
        }
        assertThat(nobodysWorkIn(Path.of("/dev/shm"))).as("the simulator's work directories").isEqualTo(shmBefore);
    }

    private static List<String> nobodysWorkIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("nslab-script-")).filter(RootlessScriptsTest::nobodys)
                    .map(Path::toString).sorted().toList();
        }
    }

    private static List<String> nobodysInTmp() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/tmp"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("nslab-sandbox-")).filter(RootlessScriptsTest::nobodys)
                    .map(Path::toString).sorted().toList();
        }
    }

    private static boolean nobodys(Path p) {
        try {
            return ((Integer) Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS)) == NobodyRun.NOBODY;
        } catch (IOException e) {
            return false;
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Arrays.asList(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
