package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.Lab;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import io.nslab.model.Service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes a lab runs in its nodes: each node's exec commands and services (the lab file's {@code exec:} and
 * {@code services:}). Each runs in a session and process group of its own ({@code setsid}), so that it outlives the
 * {@code nslab up} that started it and is stopped as a whole, by its group. Their records and logs are under the
 * lab's state directory, {@code services/NODE/}: {@code NAME.pid} (written by the process itself before it enters
 * the node, so that an {@code up} killed at any moment leaves nothing that {@code down} cannot find), {@code NAME.cmd},
 * {@code NAME.netns} (the inode of the namespace it was started in), {@code NAME.log}; {@code exec.log},
 * {@code exec.done} and, while an exec command runs, {@code exec.pid}.
 */
final class NodeServices {
    static final String DIRECTORY = "services";
    private static final String EXEC = "exec";
    /** Writes the process's own id, then becomes the command: the record exists before anything runs in the node. */
    private static final String RECORD_THEN_EXEC = "echo $$ > \"$0\" && exec \"$@\"";

    private final KernelOptions kernel;
    private final Lab lab;
    private final Path root;

    NodeServices(KernelOptions kernel, Lab lab) {
        this.kernel = kernel;
        this.lab = lab;
        this.root = directory(kernel, lab.name());
    }

    static Path directory(KernelOptions kernel, String lab) {
        return kernel.store().lab(lab).directory().resolve(DIRECTORY);
    }

    /** What {@code up} did, one line each, and whether an exec command failed. */
    record Report(List<String> lines, boolean failed) {
    }

    /**
     * Brings the nodes' processes to the lab file's: exec commands run where the node's namespace is new or the list
     * changed; a service is started when it does not run, restarted when its command changed or its node's namespace
     * was made anew, left alone otherwise; services no longer in the file are stopped.
     */
    Report reconcile() throws InterruptedException {
        try {
            return reconcileRecords();
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "node services of lab " + lab.name() + ": " + e.getMessage());
        }
    }

    private Report reconcileRecords() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        boolean failed = false;
        for (String gone : subdirectories(root)) {
            if (NodeName.problem(gone) != null || lab.node(NodeName.of(gone)).isEmpty()) {
                stopNode(root.resolve(gone)).forEach(s -> lines.add("service " + gone + "/" + s + ": stopped (its node is no longer in the lab file)"));
                deleteTree(root.resolve(gone));
            }
        }
        for (Node node : lab.nodes().values()) {
            String n = node.name().value();
            Path dir = root.resolve(n);
            for (String name : recorded(dir)) {
                if (!node.startup().services().containsKey(name)) {
                    stopService(dir, name);
                    lines.add("service " + n + "/" + name + ": stopped (no longer in the lab file)");
                }
            }
            if (node.startup().isEmpty()) {
                continue;
            }
            Files.createDirectories(dir);
            String inode = netnsInode(n);
            boolean execFailed = false;
            if (!node.startup().exec().isEmpty()) {
                String done = inode + "\n" + String.join("\0", node.startup().exec());
                if (!done.equals(read(dir.resolve(EXEC + ".done")))) {
                    for (String command : node.startup().exec()) {
                        int status = runExec(n, dir, command);
                        if (status != 0) {
                            lines.add("node " + n + ": exec `" + command + "` exited " + status + "; its output is in "
                                    + dir.resolve(EXEC + ".log") + "; the node's services were not started");
                            execFailed = true;
                            break;
                        }
                    }
                    Files.writeString(dir.resolve(EXEC + ".done"), execFailed ? "" : done);
                    if (!execFailed) {
                        lines.add("node " + n + ": " + count(node.startup().exec().size(), "exec command") + " run, output in "
                                + dir.resolve(EXEC + ".log"));
                    }
                }
            }
            failed |= execFailed;
            if (execFailed) {
                continue;
            }
            for (Service s : node.startup().services().values()) {
                String why = null;
                if (running(dir, s.name())) {
                    if (!s.command().equals(read(dir.resolve(s.name() + ".cmd")))) {
                        why = "command changed";
                    } else if (!inode.equals(read(dir.resolve(s.name() + ".netns")))) {
                        why = "its node's namespace was made anew";
                    } else {
                        continue; // as the file says: left alone
                    }
                    stopService(dir, s.name());
                }
                int pid = start(n, dir, s, inode);
                lines.add("service " + n + "/" + s.name() + ": " + (why == null ? "started" : "restarted (" + why + ")") + ", pid "
                        + pid + ", log " + dir.resolve(s.name() + ".log"));
            }
        }
        return new Report(lines, failed);
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** Runs one exec command in the node to its end, its output appended to exec.log; returns its exit status. */
    private int runExec(String node, Path dir, String command) throws IOException, InterruptedException {
        Path log = dir.resolve(EXEC + ".log");
        Files.writeString(log, "$ " + command + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Process p = launch(node, dir.resolve(EXEC + ".pid"), command, log, EXEC);
        int status = p.waitFor();
        Files.deleteIfExists(dir.resolve(EXEC + ".pid"));
        return status;
    }

    /** Starts a service; returns its process group's id once its record is written. */
    private int start(String node, Path dir, Service s, String inode) throws IOException, InterruptedException {
        Path pidFile = dir.resolve(s.name() + ".pid");
        Files.deleteIfExists(pidFile);
        Files.writeString(dir.resolve(s.name() + ".cmd"), s.command());
        Files.writeString(dir.resolve(s.name() + ".netns"), inode);
        Process p = launch(node, pidFile, s.command(), dir.resolve(s.name() + ".log"), s.name());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (pid(dir, s.name()) <= 0) {
            if (!p.isAlive() && pid(dir, s.name()) <= 0) {
                throw new NslabException(ExitCode.ENVIRONMENT, "service " + node + "/" + s.name() + " did not start (exit "
                        + p.exitValue() + "); see " + dir.resolve(s.name() + ".log"));
            }
            if (System.nanoTime() > deadline) {
                throw new NslabException(ExitCode.ENVIRONMENT, "service " + node + "/" + s.name() + " did not start within 10 s");
            }
            Thread.sleep(5);
        }
        return pid(dir, s.name());
    }

    /** setsid, the record, then nsenter into the node and {@code /bin/sh -c command}; stdin empty, output to {@code log}. */
    private Process launch(String node, Path pidFile, String command, Path log, String name) throws IOException {
        List<String> argv = new ArrayList<>(List.of("setsid", "/bin/sh", "-c", RECORD_THEN_EXEC, pidFile.toString()));
        argv.addAll(NodeCommand.argv(kernel, lab, node, List.of("/bin/sh", "-c", command)));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("NSLAB_LAB", lab.name());
        pb.environment().put("NSLAB_NODE", node);
        pb.environment().put("NSLAB_SERVICE", name);
        return pb.start();
    }

    private String netnsInode(String node) throws IOException {
        return Files.getAttribute(NodeCommand.netnsFile(kernel, lab, node), "unix:ino").toString();
    }

    /** The recorded process group of {@code name}, or 0. */
    private static int pid(Path dir, String name) {
        String s = read(dir.resolve(name + ".pid")).strip();
        try {
            return s.isEmpty() ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether the recorded group still runs. Its id cannot have been given to another process while any member lives;
     * when the id is a live process's, that process is ours only if it carries the service's mark.
     */
    private static boolean running(Path dir, String name) {
        int pgid = pid(dir, name);
        if (pgid <= 1 || !ProcessGroups.alive(pgid)) {
            return false;
        }
        Path environ = Path.of("/proc", Integer.toString(pgid), "environ");
        try {
            byte[] env = Files.readAllBytes(environ);
            return env.length == 0 || new String(env, StandardCharsets.UTF_8).contains("\0NSLAB_SERVICE=" + name + "\0")
                    || new String(env, StandardCharsets.UTF_8).startsWith("NSLAB_SERVICE=" + name + "\0");
        } catch (IOException e) {
            return true; // the leader is gone and its group lives on: ours
        }
    }

    private static void stopService(Path dir, String name) throws IOException, InterruptedException {
        if (running(dir, name)) {
            if (!ProcessGroups.stop(pid(dir, name), 5_000)) {
                throw new NslabException(ExitCode.ENVIRONMENT, "service " + dir.getFileName() + "/" + name + " (process group "
                        + pid(dir, name) + ") still runs after SIGKILL");
            }
        }
        for (String suffix : List.of(".pid", ".cmd", ".netns", ".log")) {
            Files.deleteIfExists(dir.resolve(name + suffix));
        }
    }

    /** Stops every process recorded in a node's directory (services, and an exec command killed mid-way); their names. */
    private static List<String> stopNode(Path dir) throws IOException, InterruptedException {
        List<String> stopped = new ArrayList<>();
        if (running(dir, EXEC)) {
            ProcessGroups.stop(pid(dir, EXEC), 5_000);
        }
        for (String name : recorded(dir)) {
            if (running(dir, name)) {
                stopped.add(name);
            }
            stopService(dir, name);
        }
        return stopped;
    }

    /**
     * Stops every process of the lab whose state directory is {@code labDirectory} and removes their records and logs:
     * {@code down} and {@code cleanup}, before the lab's namespaces go. Returns what it stopped, one line each.
     */
    static List<String> stopAll(Path labDirectory) {
        Path root = labDirectory.resolve(DIRECTORY);
        List<String> lines = new ArrayList<>();
        try {
            for (String node : subdirectories(root)) {
                stopNode(root.resolve(node)).forEach(s -> lines.add("service " + node + "/" + s + ": stopped"));
            }
            deleteTree(root);
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "stopping the services recorded in " + root + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NslabException(ExitCode.ENVIRONMENT, "interrupted while stopping the services recorded in " + root);
        }
        return lines;
    }

    /** One line per service of the lab: {@code service NODE/NAME: running, pid N, log PATH} (or not running). */
    static List<String> status(Path labDirectory, Lab lab) {
        Path root = labDirectory.resolve(DIRECTORY);
        List<String> lines = new ArrayList<>();
        for (Node node : lab.nodes().values()) {
            Path dir = root.resolve(node.name().value());
            for (Service s : node.startup().services().values()) {
                boolean up = running(dir, s.name());
                lines.add("service " + node.name() + "/" + s.name() + ": " + (up ? "running, pid " + pid(dir, s.name())
                        : "not running (`nslab up` starts it)") + ", log " + dir.resolve(s.name() + ".log"));
            }
        }
        return lines;
    }

    /** Services with a record in {@code dir}, sorted. */
    private static List<String> recorded(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".cmd"))
                    .map(f -> f.substring(0, f.length() - 4)).sorted().toList();
        }
    }

    private static List<String> subdirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).map(p -> p.getFileName().toString())
                    .sorted().toList();
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "";
        }
    }

    /** Removes {@code dir} and what it holds; it is nslab's own (no links followed). */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
