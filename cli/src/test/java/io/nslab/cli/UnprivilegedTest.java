package io.nslab.cli;

import io.nslab.kernel.Privilege;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel commands run by an unprivileged user (nobody, through {@code setpriv}) exit 3 and say why, as
 * docs/kernel-world.md promises. Needs root to become nobody; the child JVM reads a world-readable copy of the
 * test class path, and is gone (with anything it started) before the test ends.
 */
class UnprivilegedTest {
    private static final int NOBODY = 65534;

    @Test
    void kernelCommandsExit3AsNobody(@TempDir Path tmp) throws Exception {
        String why = whyNot();
        if (why != null) {
            System.out.println("UnprivilegedTest skipped: " + why);
            return;
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        String classpath = readableCopy(tmp.resolve("cp"));
        Path lab = tmp.resolve("seed.yaml");
        Files.copy(Path.of("../examples/seed.yaml"), lab);
        Path state = Files.createDirectory(tmp.resolve("state"));
        Path netns = Files.createDirectory(tmp.resolve("netns"));
        String[] dirs = {"--state-dir", state.toString(), "--netns-dir", netns.toString()};

        // plan exited 0 here and printed a plan for an empty host
        Result plan = asNobody(tmp, classpath, concat(List.of("plan", lab.toString()), dirs));
        assertThat(plan.exit()).as(plan.err()).isEqualTo(3);
        assertThat(plan.out()).isEmpty();
        assertThat(plan.err()).startsWith("nslab plan: the kernel world needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN)");

        // the same harness, on a command that refused already: a broken harness would not give this
        Result up = asNobody(tmp, classpath, concat(List.of("up", lab.toString()), dirs));
        assertThat(up.exit()).as(up.err()).isEqualTo(3);
        assertThat(up.err()).startsWith("nslab up: the kernel world needs root");

        // bad input is still bad input first
        Result bad = asNobody(tmp, classpath, concat(List.of("plan", tmp.resolve("missing.yaml").toString()), dirs));
        assertThat(bad.exit()).as(bad.err()).isEqualTo(2);

        try (Stream<Path> s = Files.list(state)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    /**
     * Without root, down, exec, ns, sandbox, cleanup, plan and script --compare suggested --sim, which they reject;
     * check suggested "--sim -l LAB.yaml" and rejected -l. Now the commands that have a simulator suggest the same
     * command with --sim, which is run here (as nobody), and the others suggest only sudo.
     */
    @Test
    void withoutPrivilegeEachHintIsACommandThatWorks(@TempDir Path tmp) throws Exception {
        String why = whyNot();
        if (why != null) {
            System.out.println("UnprivilegedTest skipped: " + why);
            return;
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        String classpath = readableCopy(tmp.resolve("cp"));
        Path lab = tmp.resolve("seed.yaml");
        Files.copy(Path.of("../examples/seed.yaml"), lab);
        Path script = tmp.resolve("seed.sh");
        Files.copy(Path.of("../examples/seed.sh"), script);
        Path state = Files.createDirectory(tmp.resolve("state"));
        Path netns = Files.createDirectory(tmp.resolve("netns"));
        List<String> dirs = List.of("--state-dir", state.toString(), "--netns-dir", netns.toString());
        for (List<String> args : List.of(List.of("down", "seed"), List.of("exec", "ns1", "--", "true"), List.of("ns"),
                List.of("cleanup"), List.of("plan", lab.toString()))) {
            List<String> all = new ArrayList<>(args.subList(0, 1));
            all.addAll(dirs);
            all.addAll(args.subList(1, args.size()));
            Result r = asNobody(tmp, classpath, all);
            assertThat(r.exit()).as(args + r.err()).isEqualTo(3);
            assertThat(r.err()).as(String.join(" ", args)).contains("Run it as root: `sudo ./nslab " + args.getFirst() + " ...`")
                    .doesNotContain("--sim");
        }
        for (List<String> args : List.of(List.of("sandbox", "--", "true"), List.of("script", "--compare", script.toString()))) {
            Result r = asNobody(tmp, classpath, args);
            assertThat(r.exit()).as(args + r.err()).isEqualTo(3);
            assertThat(r.err()).as(String.join(" ", args)).doesNotContain("--sim");
        }
        for (List<String> args : List.of(List.of("check", lab.toString()), List.of("ping", "-l", lab.toString(), "ns1", "ns2"),
                List.of("trace", "-l", lab.toString(), "ns1", "ns2"), List.of("up", lab.toString()), List.of("check"))) {
            List<String> all = new ArrayList<>(args);
            all.addAll(dirs);
            Result r = asNobody(tmp, classpath, all);
            assertThat(r.exit()).as(args + r.err()).isIn(2, 3);
            List<List<String>> hints = Hints.in(r.err(), java.util.Map.of("LAB.yaml", lab.toString()));
            List<String> sim = hints.stream().filter(h -> h.contains("--sim")).findFirst().orElseThrow(
                    () -> new AssertionError("no --sim hint in: " + r.err()));
            Result again = asNobody(tmp, classpath, sim);
            assertThat(again.exit()).as("the hint `nslab " + String.join(" ", sim) + "`: " + again.err()).isZero();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static String whyNot() throws IOException, InterruptedException {
        if (Privilege.missing() != null) {
            return "not root, so nobody cannot be become (" + Privilege.missing() + ")";
        }
        if (!Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return "setpriv (util-linux) is not installed";
        }
        return null;
    }

    private static List<String> concat(List<String> a, String[] b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

    /** Runs Main as nobody in a child JVM; the child and its descendants are ended by PID if still there. */
    private static Result asNobody(Path tmp, String classpath, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-Xshare:auto", "--enable-native-access=ALL-UNNAMED", "-cp", classpath, "io.nslab.cli.Main"));
        cmd.addAll(args);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HOME", tmp.toString());
        Process p = pb.start();
        ProcessHandle handle = p.toHandle();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("nslab " + args.getFirst() + " as nobody did not end within 60 s");
            }
        } finally {
            List<ProcessHandle> left = new ArrayList<>(handle.descendants().toList());
            left.add(handle);
            left.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle h : left) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
            assertThat(left.stream().filter(ProcessHandle::isAlive)).as("processes of nobody left").isEmpty();
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The test class path copied where nobody can read it (the local Maven repository is root's only). */
    private static String readableCopy(Path dir) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> copied = new ArrayList<>();
        int i = 0;
        for (String entry : classpath.split(File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = dir.resolve(i++ + "-" + from.getFileName());
            copyTree(from, to);
            copied.add(to.toString());
        }
        return String.join(File.pathSeparator, copied);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.setPosixFilePermissions(target.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
