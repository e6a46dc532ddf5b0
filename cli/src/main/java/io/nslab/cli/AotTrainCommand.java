package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.kernel.Privilege;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code nslab aot-train DIR} (hidden): the workload the launcher records JDK 25's ahead-of-time cache
 * from, right after a build. Every class a typical command loads and links, FFM downcall stubs included,
 * then comes from the cache instead of the jar: the kernel commands start 0.2-0.3 s sooner.
 *
 * <p>It runs the simulator's commands on the tutorial's lab and on a 40-host star, and, when it may and
 * when it runs in a network namespace of its own (the launcher starts it under {@code unshare --net
 * --mount}: nothing but {@code lo} in it), the kernel's commands too: up, status, ping, trace, check, plan, an incremental up and down,
 * with namespaces and records in a temporary directory. In the host's own network namespace it never
 * touches the kernel. The commands' output is discarded; one line says how many ran and which failed, and
 * the exit code is 4 when any failed (the launcher keeps the cache either way).
 */
@Command(name = "aot-train", hidden = true, mixinStandardHelpOptions = true,
        description = "Run the workload the launcher trains its ahead-of-time cache on (the kernel part only in a "
                + "network namespace with nothing but lo, such as one from unshare --net).")
final class AotTrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXAMPLES", description = "The examples directory (seed.yaml, seed.sh).")
    Path examples;

    @picocli.CommandLine.Option(names = "--scripts", description = "Only nslab script and import, for their own cache: the "
            + "tutorial's script run, and a 40-host star's run and imported.")
    boolean scripts;

    @Override
    public Integer call() throws IOException {
        if (scripts) {
            return scriptsOnly();
        }
        Path work = Files.createTempDirectory("nslab-aot-");
        PrintStream out = System.out;
        PrintStream err = System.err;
        List<String> failed = new ArrayList<>();
        int runs = 0;
        String kernelPart;
        System.setOut(DISCARD);
        System.setErr(DISCARD);
        try {
            Path seed = examples.resolve("seed.yaml");
            Path star = work.resolve("train.yaml");
            Files.writeString(star, StarLab.yaml("train", 40));
            List<String[]> all = new ArrayList<>(simulatorRuns(seed, star, work));
            kernelPart = kernelPartSkipped();
            if (kernelPart == null) {
                all.addAll(kernelRuns(seed, star, work));
                all.add(kernel(work, "cleanup"));
            }
            runs += runEach(all, failed);
            // nslab script's second JVM shares this cache: its own work, without its sandbox
            runs++;
            try {
                if (kernelPart == null) {
                    // this process's own network namespace, fresh from unshare --net (as the launcher runs this as
                    // root): its lo is down, and the tool server listens on 127.0.0.1 as in the script's sandbox
                    try (io.nslab.netlink.Netlink nl = io.nslab.netlink.Netlink.open()) {
                        nl.links().setUp("lo");
                    }
                }
                Path scriptWork = Files.createDirectory(work.resolve("script"));
                io.nslab.script.ScriptTraining.run(scriptWork);
            } catch (IOException | RuntimeException e) {
                failed.add("the script simulator's training (" + e + ")");
            }
            if (kernelPart == null) {
                try {
                    io.nslab.netlink.NamedNamespaces.at(work.resolve("netns")).removeDirectory();
                } catch (RuntimeException e) {
                    // left to the mount namespace, which ends with this process
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            delete(work);
        }
        out.println("aot-train: " + runs + " runs, " + failed.size() + " failed"
                + (kernelPart == null ? "" : "; kernel commands skipped: " + kernelPart));
        failed.forEach(f -> err.println("aot-train: failed: " + f));
        return failed.isEmpty() ? 0 : ExitCode.INTERNAL.code();
    }

    /**
     * What {@code nslab script} and {@code import} run, for a cache of their own (the launcher's {@code nslab-script.aot}):
     * a JVM loads every class of its cache before main, and the full cache's 3,900 classes are some 1,400 more than a
     * script's run needs.
     */
    private int scriptsOnly() throws IOException {
        Path work = Files.createTempDirectory("nslab-aot-");
        PrintStream out = System.out;
        PrintStream err = System.err;
        List<String> failed = new ArrayList<>();
        List<String[]> all = new ArrayList<>();
        System.setOut(DISCARD);
        System.setErr(DISCARD);
        try {
            Path star = starScript(work);
            Path seed = examples.resolve("seed.sh");
            if (Files.isRegularFile(seed)) {
                all.add(new String[] {"script", seed.toString()});
            }
            all.add(new String[] {"script", star.toString()});
            all.add(new String[] {"import", star.toString(), "-w", work.resolve("imported.yaml").toString()});
            runEach(all, failed);
        } finally {
            System.setOut(out);
            System.setErr(err);
            delete(work);
        }
        out.println("aot-train --scripts: " + all.size() + " runs, " + failed.size() + " failed");
        failed.forEach(f -> err.println("aot-train: failed: " + f));
        return failed.isEmpty() ? 0 : ExitCode.INTERNAL.code();
    }

    /** Runs each command line, adding those that fail to {@code failed}; returns how many ran. */
    private static int runEach(List<String[]> commands, List<String> failed) {
        for (String[] args : commands) {
            int code = Main.execute(args);
            if (code != 0) {
                failed.add("nslab " + String.join(" ", args) + " (exit " + code + ")");
            }
        }
        return commands.size();
    }

    /** A 40-host star as a tutorial's script, written into {@code work}. */
    private static Path starScript(Path work) throws IOException {
        Path star = work.resolve("train-star.sh");
        if (!Files.exists(star)) {
            Files.writeString(star, StarScript.text("train", 40));
        }
        return star;
    }

    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    /** Null when the kernel's commands may be trained here; otherwise why not. */
    private static String kernelPartSkipped() {
        String missing = Privilege.missing();
        if (missing != null) {
            return missing;
        }
        return ownNetworkNamespace() ? null : "this network namespace has interfaces other than lo";
    }

    private List<String[]> simulatorRuns(Path seed, Path star, Path work) throws IOException {
        List<String[]> runs = new ArrayList<>();
        runs.add(new String[] {"--version"});
        runs.add(new String[] {"validate", seed.toString(), star.toString()});
        runs.add(new String[] {"up", "--sim", seed.toString()});
        runs.add(new String[] {"check", "--sim", "--all-pairs", seed.toString()});
        runs.add(new String[] {"ping", "--sim", "--explain", "-l", seed.toString(), "ns1", "10.10.20.2"});
        runs.add(new String[] {"trace", "--sim", "-l", seed.toString(), "ns1", "10.10.20.2"});
        runs.add(new String[] {"status", "--sim", "-o", "json", seed.toString()});
        runs.add(new String[] {"up", "--sim", star.toString()});
        Path script = examples.resolve("seed.sh");
        if (Files.isRegularFile(script)) {
            runs.add(new String[] {"script", script.toString()});
        }
        // the lab written at the end, whose code would otherwise run cold from the jar; of a star's script, which prints
        // nothing (an import passes the script's output on to stderr, past this command's own)
        runs.add(new String[] {"import", starScript(work).toString(), "-w", work.resolve("imported.yaml").toString()});
        return runs;
    }

    private List<String[]> kernelRuns(Path seed, Path star, Path work) throws IOException {
        Path edited = work.resolve("train-edited.yaml");
        Files.writeString(edited, StarLab.yaml("train", 41));
        List<String[]> runs = new ArrayList<>();
        runs.add(kernel(work, "up", seed.toString()));
        runs.add(kernel(work, "up", seed.toString()));
        runs.add(kernel(work, "status", "seed"));
        runs.add(kernel(work, "status", "-o", "json", "seed"));
        runs.add(kernel(work, "ping", "-l", "seed", "ns1", "10.10.20.2"));
        runs.add(kernel(work, "trace", "-l", "seed", "ns1", "10.10.20.2"));
        runs.add(kernel(work, "check", "--all-pairs", "seed"));
        runs.add(kernel(work, "down", "seed"));
        runs.add(kernel(work, "up", star.toString()));
        runs.add(kernel(work, "plan", edited.toString()));
        runs.add(kernel(work, "up", edited.toString()));
        runs.add(kernel(work, "down", "train"));
        return runs;
    }

    private static String[] kernel(Path work, String... args) {
        String[] out = new String[args.length + 3];
        out[0] = args[0];
        out[1] = "--netns-dir=" + work.resolve("netns");
        out[2] = "--state-dir=" + work.resolve("state");
        out[3] = "--proc-sys=" + work.resolve("no-proc-sys");
        System.arraycopy(args, 1, out, 4, args.length - 1);
        return out;
    }

    /**
     * True in a network namespace that has nothing but {@code lo}, as one fresh from {@code unshare --net}
     * has; never true in a host's, which has its network interfaces.
     */
    private static boolean ownNetworkNamespace() {
        try {
            return Files.readAllLines(Path.of("/proc/self/net/dev")).stream().skip(2)
                    .map(line -> line.substring(0, line.indexOf(':')).strip())
                    .allMatch("lo"::equals);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
