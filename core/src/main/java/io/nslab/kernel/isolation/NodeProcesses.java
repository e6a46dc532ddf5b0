package io.nslab.kernel.isolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes nslab started for nodes, found in {@code /proc} by their marker ({@link NodeMarker}): in their
 * arguments and in their environment both. Every process is identified by its PID and its start time, read
 * again, with its marker, right before it is signalled: a PID that a stranger took meanwhile is never killed.
 */
final class NodeProcesses {
    private static final Path PROC = Path.of("/proc");

    /** A marked process: PID, start time (clock ticks after boot) and the marker it carries. */
    record Marked(long pid, String startTime, String marker) {
    }

    private NodeProcesses() {
    }

    /** Every process whose arguments and environment carry a marker that starts with {@code prefix}. */
    static List<Marked> scan(String prefix) {
        List<Marked> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(PROC)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                marked(pid, prefix).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The process {@code pid} if it carries a marker starting with {@code prefix} in both its arguments and its
     * environment, with its start time; empty for any other process, or one gone meanwhile.
     */
    static Optional<Marked> marked(long pid, String prefix) {
        // the arguments first: most processes are not nslab's, and one read tells
        Optional<String> arg = nulSeparated(pid, "cmdline").stream().filter(a -> a.startsWith(prefix)).findFirst();
        String start = arg.isPresent() ? startTime(pid) : "";
        if (start.isEmpty()) {
            return Optional.empty();
        }
        boolean inEnv = nulSeparated(pid, "environ").contains(NodeMarker.ENV + "=" + arg.get());
        // read last: a PID that changed hands while we read has another start time
        return inEnv && start.equals(startTime(pid)) ? Optional.of(new Marked(pid, start, arg.get())) : Optional.empty();
    }

    /**
     * The process {@code pid}, with start time {@code startTime}, once it shows a marker starting with {@code prefix}:
     * a process in the middle of an exec shows no arguments or environment for a moment, so a process that is still
     * there with that start time is asked again (for 200 ms at most). Empty for any other process.
     */
    static Optional<Marked> settled(long pid, String startTime, String prefix) {
        for (int i = 0; i < 100; i++) {
            Optional<Marked> m = marked(pid, prefix);
            if (m.isPresent() || !startTime.equals(startTime(pid))) {
                return m.filter(x -> x.startTime().equals(startTime));
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether {@code m} is still that process, with its marker. */
    static boolean same(Marked m) {
        return settled(m.pid(), m.startTime(), m.marker()).filter(now -> now.startTime().equals(m.startTime()) && now.marker().equals(m.marker()))
                .isPresent();
    }

    /** The children of {@code pid} (from {@code /proc/PID/task/PID/children}). */
    static List<Long> children(long pid) {
        try {
            String text = Files.readString(PROC.resolve(pid + "/task/" + pid + "/children"));
            List<Long> out = new ArrayList<>();
            for (String s : text.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    out.add(Long.parseLong(s));
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Kills each of {@code processes} that is still the same process with its marker (SIGKILL), then waits (2 s at
     * most) until they have exited. Returns those it killed.
     */
    static List<Marked> kill(List<Marked> processes) {
        List<Marked> killed = new ArrayList<>();
        for (Marked m : processes) {
            if (same(m)) {
                // ProcessHandle checks the start time again as it signals
                ProcessHandle.of(m.pid()).ifPresent(h -> {
                    if (h.destroyForcibly()) {
                        killed.add(m);
                    }
                });
            }
        }
        killed.forEach(m -> awaitGone(m.pid()));
        return killed;
    }

    /** Field 22 of {@code /proc/PID/stat}, the start time; empty when there is no such process. */
    static String startTime(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return after[19];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Waits (at most 2 s) until {@code pid} has exited. Not {@code ProcessHandle.onExit}: the process is not our
     * child, so it stays a zombie until its parent reaps it, and the JDK counts a zombie as alive; a zombie has left
     * its namespaces and cgroups, which is all teardown needs.
     */
    static void awaitGone(long pid) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            String state = state(pid);
            if (state.isEmpty() || state.equals("Z") || state.equals("X")) {
                return;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether {@code pid} has exited (gone, or a zombie). */
    static boolean gone(long pid) {
        String state = state(pid);
        return state.isEmpty() || state.equals("Z") || state.equals("X");
    }

    private static String state(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static List<String> nulSeparated(long pid, String file) {
        try {
            byte[] b = Files.readAllBytes(PROC.resolve(pid + "/" + file));
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    out.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < b.length) {
                out.add(new String(b, start, b.length - start, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
