package io.nslab.rootless;

import io.nslab.ExitCode;
import io.nslab.NslabException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The process that keeps a user's rootless labs alive: a small reaper (perl) in a user namespace of the user's own
 * (root inside is the user outside) and a mount namespace of its own, where the lab's namespaces are bound.
 * The lab's network namespaces belong to that user namespace, and their bindings to that mount namespace: when
 * the holder ends, by {@code down} or by {@code kill -9}, everything of the labs ends with it, by construction.
 *
 * <p>A holder is known by its PID and start time, recorded in the home's {@code holder} file, and by the marker
 * {@value #ENV}=HOME in its environment, all checked again before it is entered or signalled.
 */
public record LabHolder(long pid, String startTime) {
    /** The environment variable that marks a holder, with its home directory as value. */
    public static final String ENV = "NSLAB_ROOTLESS_HOME";
    private static final String REAPER = "while (1) { sleep 1 if wait() == -1 }";

    /** The running holder of {@code home}, if its file names a process that still is that holder. */
    public static Optional<LabHolder> running(RootlessHome home) {
        return recorded(home).filter(h -> h.isHolderOf(home));
    }

    /** What the holder file says, whether or not that process still runs. */
    static Optional<LabHolder> recorded(RootlessHome home) {
        try {
            String[] f = Files.readString(home.holderFile(), StandardCharsets.US_ASCII).strip().split(" ");
            if (f.length == 2 && f[0].matches("[1-9][0-9]{0,9}") && f[1].matches("[0-9]{1,20}")) {
                return Optional.of(new LabHolder(Long.parseLong(f[0]), f[1]));
            }
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether a holder file exists but names no running holder: the labs it held ended with it. */
    public static boolean ended(RootlessHome home) {
        return Files.exists(home.holderFile(), LinkOption.NOFOLLOW_LINKS) && running(home).isEmpty();
    }

    boolean isHolderOf(RootlessHome home) {
        return startTime.equals(startTime(pid)) && environment(pid).contains(ENV + "=" + home.dir())
                && startTime.equals(startTime(pid));
    }

    /** Starts the holder of {@code home} and records it; exits 3 with the setting to change where the host forbids it. */
    public static LabHolder start(RootlessHome home) {
        SubordinateIds ids = SubordinateIds.ofCurrentUser();
        if (ids instanceof SubordinateIds.Granted g) {
            try {
                return start(home, g.unshareOptions());
            } catch (NslabException e) {
                // newuidmap refuses a range it finds wrong (overlapping the user's own uid, say): one uid still makes a lab
                System.err.println("nslab: your subordinate ids could not be mapped (" + e.getMessage().lines().findFirst().orElse("")
                        + "); the lab maps your uid alone");
            }
        }
        return start(home, List.of());
    }

    private static LabHolder start(RootlessHome home, List<String> mapIds) {
        Path err = home.dir().resolve("holder.err");
        // PID 1 of a PID namespace that every process of the labs joins (when it ends, they all end), reaping the
        // node processes that outlive the command which started them
        List<String> argv = new java.util.ArrayList<>(List.of("setsid", "unshare", "--user", "--map-root-user"));
        argv.addAll(mapIds);
        argv.addAll(List.of("--mount", "--net", "--pid", "--fork",
                "--kill-child", "--mount-proc", "--propagation", "private", "--", "perl", "-e", REAPER));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(Path.of("/").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        pb.environment().put(ENV, home.dir().toString());
        pb.environment().remove(RootlessLaunch.INSIDE_ENV);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab: cannot start the rootless lab holder (setsid, unshare from "
                    + "util-linux): " + e.getMessage());
        }
        String ownUserNs = link(Path.of("/proc/self/ns/user"));
        for (int i = 0; i < 500; i++) {
            if (!p.isAlive()) {
                String why = readQuietly(err).strip();
                deleteQuietly(err);
                if (!mapIds.isEmpty()) {
                    throw new NslabException(ExitCode.ENVIRONMENT, why.isEmpty() ? "unshare " + String.join(" ", mapIds) + " failed" : why);
                }
                throw new NslabException(ExitCode.ENVIRONMENT, "nslab: this machine does not let users make user namespaces: "
                        + why + "\n" + UserNamespaceSettings.advice());
            }
            long pid = child(p.pid());
            String ns = pid == 0 ? "" : link(Path.of("/proc/" + pid + "/ns/user"));
            if (!ns.isEmpty() && !ns.equals(ownUserNs) && "perl".equals(readQuietly(Path.of("/proc/" + pid + "/comm")).strip())) {
                LabHolder h = new LabHolder(pid, startTime(pid));
                h.record(home);
                deleteQuietly(err);
                return h;
            }
            sleep(10);
        }
        p.destroyForcibly();
        throw new NslabException(ExitCode.ENVIRONMENT, "nslab: the rootless lab holder did not start within 5 s");
    }

    /** The first child of {@code pid}, or 0. */
    private static long child(long pid) {
        String children = readQuietly(Path.of("/proc/" + pid + "/task/" + pid + "/children")).strip();
        return children.isEmpty() ? 0 : Long.parseLong(children.split(" ")[0]);
    }

    private void record(RootlessHome home) {
        Path tmp = home.dir().resolve("holder.tmp");
        try {
            deleteQuietly(tmp);
            Files.writeString(tmp, pid + " " + startTime + "\n", StandardCharsets.US_ASCII,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.SYNC, LinkOption.NOFOLLOW_LINKS);
            Files.move(tmp, home.holderFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab: cannot record the rootless lab holder in " + home.dir() + ": " + e.getMessage());
        }
    }

    /**
     * Ends this holder (checked again to be {@code home}'s) and with it every lab it held, then removes what the
     * labs left in the home: records and the files their namespaces were bound on.
     */
    public void stop(RootlessHome home) {
        if (isHolderOf(home)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            for (int i = 0; i < 400 && Files.exists(Path.of("/proc/" + pid)) && startTime.equals(startTime(pid)) && !zombie(pid); i++) {
                sleep(5);
            }
        }
        forget(home);
    }

    /** Removes what ended labs left in {@code home}: the holder file, records and namespace files. Links are never followed. */
    public static void forget(RootlessHome home) {
        for (Path d : List.of(home.stateDir(), home.netnsDir())) {
            emptyDirectory(d);
        }
        for (String f : List.of("holder", "holder.tmp", "holder.err")) {
            deleteQuietly(home.dir().resolve(f));
        }
    }

    /**
     * Ends the holders of {@code home} that no holder file names: a command killed between starting a holder and
     * recording it leaves one. They are the user's own processes with {@code home} as their marker; none can hold a
     * lab (no command ever entered them), so nothing of a lab ends with them.
     */
    public static void endStrays(RootlessHome home) {
        Optional<LabHolder> recorded = recorded(home);
        String marker = ENV + "=" + home.dir();
        try (var procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("[0-9]+"))) {
            for (Path p : procs) {
                long pid = Long.parseLong(p.getFileName().toString());
                String start = startTime(pid);
                boolean holder = recorded.map(r -> r.pid() == pid || child(pid) == r.pid()).orElse(false);
                if (!holder && pid != ProcessHandle.current().pid() && !start.isEmpty() && environment(pid).contains(marker)
                        && start.equals(startTime(pid))) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab: cannot read /proc: " + e.getMessage());
        }
        if (recorded.isEmpty()) {
            // what such a start wrote before it was killed
            deleteQuietly(home.dir().resolve("holder.err"));
            deleteQuietly(home.dir().resolve("holder.tmp"));
        }
    }

    /** The lab names recorded in {@code home}'s state directory. */
    public static List<String> labs(RootlessHome home) {
        try (var s = Files.list(home.stateDir())) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void emptyDirectory(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            io.nslab.FileTrees.delete(dir, true);
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab: cannot remove what ended rootless labs left in " + dir + ": " + e.getMessage());
        }
    }

    private static boolean zombie(long pid) {
        String stat = readQuietly(Path.of("/proc/" + pid + "/stat"));
        int close = stat.lastIndexOf(')');
        return close < 0 || stat.length() < close + 3 || stat.charAt(close + 2) == 'Z';
    }

    /** Field 22 of {@code /proc/PID/stat}: the start time; empty when there is no such process. */
    static String startTime(long pid) {
        String stat = readQuietly(Path.of("/proc/" + pid + "/stat"));
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return "";
        }
        String[] after = stat.substring(close + 2).split(" ");
        return after.length > 19 ? after[19] : "";
    }

    private static List<String> environment(long pid) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String link(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // nothing to do: a leftover error file is harmless
        }
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab: interrupted while starting the rootless lab holder");
        }
    }
}
