package io.nslab.cli;

import io.nslab.kernel.Privilege;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code nslab} as an ordinary user (nobody, through {@code setpriv}) in a child JVM that reads a
 * world-readable copy of the test class path (the local Maven repository is root's only). Needs root to become
 * nobody. Every process a run leaves is nobody's and is ended by PID with {@link #endAll()}.
 */
final class NobodyRun {
    static final int NOBODY = 65534;

    record Result(int exit, String out, String err) {
        String both() {
            return out + err;
        }
    }

    private final Path dir;
    private final String classpath;
    private final Map<String, String> env;
    private final int uid;
    private final int gid;

    private NobodyRun(Path dir, String classpath, Map<String, String> env, int uid, int gid) {
        this.dir = dir;
        this.classpath = classpath;
        this.env = env;
        this.uid = uid;
        this.gid = gid;
    }

    /** Why nobody cannot be become here, or null. */
    static String whyNot() {
        if (Privilege.missing() != null) {
            return "not root, so nobody cannot be become (" + Privilege.missing() + ")";
        }
        if (!Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return "setpriv (util-linux) is not installed";
        }
        return null;
    }

    /** A harness working in {@code dir} (made readable to nobody), with the given extra environment. */
    static NobodyRun in(Path dir, Map<String, String> env) throws IOException {
        return as(NOBODY, NOBODY, dir, env);
    }

    /** The same harness, as another ordinary user than nobody. */
    static NobodyRun as(int uid, int gid, Path dir, Map<String, String> env) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new NobodyRun(dir, readableCopy(dir.resolve("cp")), env, uid, gid);
    }

    Path dir() {
        return dir;
    }

    /** A directory of nobody's own, mode 0700 (a runtime directory, as systemd makes one). */
    Path ownDirectory(String name) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(d, "unix:uid", uid);
        Files.setAttribute(d, "unix:gid", gid);
        return d;
    }

    /** Starts {@code nslab args} as nobody, output to files in the directory; see {@link #finish}. */
    Process start(List<String> prefix, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        return startAs(cmd, args);
    }

    /** Runs {@code nslab args} after {@code prefix}, as whoever the prefix makes this process (no setpriv). */
    Result runAfter(List<String> prefix, String... args) throws Exception {
        return finish(startAs(prefix, List.of(args)), "nslab " + String.join(" ", args));
    }

    /** Runs the main method of {@code mainClass} (of the test class path) as nobody. */
    Result runMain(String mainClass, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        return finish(startAs(cmd, mainClass, List.of(args)), mainClass + " " + String.join(" ", args), 600);
    }

    private Process startAs(List<String> prefix, List<String> args) throws IOException {
        return startAs(prefix, "io.nslab.cli.Main", args);
    }

    private Process startAs(List<String> prefix, String mainClass, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-Xshare:auto", "--enable-native-access=ALL-UNNAMED", "-cp", classpath, mainClass));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("XDG_RUNTIME_DIR");
        pb.environment().putAll(env);
        return pb.start();
    }

    Result finish(Process p, String what) throws Exception {
        return finish(p, what, 120);
    }

    private Result finish(Process p, String what, int seconds) throws Exception {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(what + " as nobody did not end within " + seconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    Result run(String... args) throws Exception {
        return finish(start(List.of(), List.of(args)), "nslab " + String.join(" ", args));
    }

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
