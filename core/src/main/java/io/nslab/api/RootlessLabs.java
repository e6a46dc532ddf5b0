package io.nslab.api;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.rootless.LabHolder;
import io.nslab.rootless.RootlessHome;
import io.nslab.rootless.RootlessLaunch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Kernel labs for a JVM that is not root, the way the command line makes them: inside the user's holder (a user,
 * mount, network and PID namespace that the user owns, {@link LabHolder}), with namespaces and records in the user's
 * {@link RootlessHome}. The deploying is done by a child JVM inside the holder ({@link RootlessAgent}); commands run
 * in a node through {@code nsenter} into the holder, then into the node. What this JVM cannot do is join a node's
 * namespace itself, so {@code node.run}, {@code newThread} and the in-process probes (ping, trace, check, faults)
 * are refused with the reason; {@code node.exec("ping", ...)} works.
 */
final class RootlessLabs {
    /** The holder a JVM's rootless labs live in. */
    record Session(RootlessHome home, LabHolder holder) {
        /** {@code nsenter} into the holder's user and mount namespaces, where the lab's namespace files are. */
        List<String> enter() {
            return List.of("nsenter", "--target", Long.toString(holder.pid()), "--user", "--mount", "--preserve-credentials", "--");
        }

        Path netnsDir() {
            return home.netnsDir();
        }

        Path stateDir() {
            return home.stateDir();
        }
    }

    private RootlessLabs() {
    }

    /** Whether this JVM makes kernel labs the rootless way: it is not root. */
    static boolean applies() {
        return RootlessHome.currentUid() != 0;
    }

    /** Why this JVM cannot make rootless labs (no user namespaces for it), or empty. */
    static Optional<String> whyNot() {
        try {
            Process p = new ProcessBuilder("unshare", "--user", "--map-root-user", "--net", "true").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? Optional.empty()
                    : Optional.of("neither root nor allowed to make user namespaces (unshare --user: " + out + ")");
        } catch (IOException e) {
            return Optional.of("neither root nor able to run unshare (util-linux): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    static synchronized Session up(String name, String text) {
        RootlessHome home = RootlessHome.ofCurrentUser(System.getenv());
        Optional<LabHolder> running = LabHolder.running(home);
        if (running.isEmpty()) {
            if (LabHolder.ended(home)) {
                LabHolder.forget(home);
            }
            LabHolder.endStrays(home);
        }
        Session s = new Session(home, running.orElseGet(() -> LabHolder.start(home)));
        try {
            agent(s, "up", name, text);
        } catch (RuntimeException e) {
            stopIfEmpty(s);
            throw e;
        }
        return s;
    }

    static synchronized void down(Session s, String name) {
        try {
            agent(s, "down", name, "");
        } finally {
            stopIfEmpty(s);
        }
    }

    private static void stopIfEmpty(Session s) {
        if (LabHolder.labs(s.home()).isEmpty()) {
            s.holder().stop(s.home());
        }
    }

    /** Runs {@link RootlessAgent} inside the holder, as {@code RootlessLaunch} runs the command line there. */
    private static void agent(Session s, String what, String name, String input) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> argv = new ArrayList<>(List.of("nsenter", "--target", Long.toString(s.holder().pid()), "--user", "--mount",
                "--net", "--pid", "--preserve-credentials", "--wd=/", "--"));
        argv.add(info.command().orElseThrow(() -> new NslabException(ExitCode.INTERNAL, "cannot read this JVM's command")));
        argv.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                RootlessAgent.class.getName(), what, name, s.netnsDir().toString(), s.stateDir().toString()));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put(RootlessLaunch.INSIDE_ENV, s.home().dir().toString());
        pb.environment().remove(LabHolder.ENV);
        try {
            Process p = pb.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            try (var in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            int code = p.waitFor();
            out.join();
            if (code != 0) {
                ExitCode exit = java.util.Arrays.stream(ExitCode.values()).filter(c -> c.code() == code).findFirst().orElse(ExitCode.INTERNAL);
                throw new NslabException(exit, "lab " + name + " (rootless): " + err.join().strip());
            }
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "cannot run nsenter (util-linux) for the rootless holder: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NslabException(ExitCode.INTERNAL, "interrupted while lab " + name + " was built");
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
