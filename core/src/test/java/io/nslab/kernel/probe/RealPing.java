package io.nslab.kernel.probe;

import io.nslab.model.IpAddress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The iputils {@code ping} binary run in a test namespace ({@code nsenter --net=DIR/NAME ping ...}), reduced to
 * its outcome: exit status, reply TTLs, ICMP errors with their sender, and the local error of {@code connect}.
 * Text is parsed only to read the outcome; it is never compared with nslab's.
 */
record RealPing(int exit, List<Integer> replyTtls, List<String> errors, Optional<String> connectError, String output) {
    private static final Path PING = Path.of("/usr/bin/ping");
    private static final Path NSENTER = Path.of("/usr/bin/nsenter");
    private static final Pattern REPLY = Pattern.compile("bytes from \\S+: icmp_seq=\\d+ ttl=(\\d+)");
    private static final Pattern ERROR = Pattern.compile("^From (\\S+) icmp_seq=\\d+ (.+)$", Pattern.MULTILINE);
    /** What iputils prints instead of {@code ping: connect: Permission denied} (EACCES from connect, exit 2). */
    private static final String EACCES_HINT = "Do you want to ping broadcast? Then -b. If not, check your local firewall rules";
    private static final Pattern CONNECT = Pattern.compile("^(?:\\S*/)?ping: (?:connect|bind|bind icmp socket): (.+)$", Pattern.MULTILINE);

    /** Null when it can run; otherwise why not, printed by the caller. */
    static String missing() {
        return Files.isExecutable(PING) && Files.isExecutable(NSENTER) ? null
                : "iputils ping or nsenter not installed: comparison with the real ping skipped";
    }

    /** Starts {@code ping ARGS DST} in the namespace bound at {@code netnsFile}; empty when ping is not installed. */
    static CompletableFuture<Optional<RealPing>> start(Path netnsFile, IpAddress destination, String... args) {
        if (missing() != null) {
            System.out.println("NOTE: " + missing());
            return CompletableFuture.completedFuture(Optional.empty());
        }
        List<String> cmd = new ArrayList<>(List.of(NSENTER.toString(), "--net=" + netnsFile, PING.toString()));
        cmd.addAll(List.of(args));
        cmd.add(destination.toString());
        return CompletableFuture.supplyAsync(() -> {
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return Optional.of(parse(p.waitFor(), out));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    static RealPing parse(int exit, String out) {
        List<Integer> ttls = new ArrayList<>();
        Matcher m = REPLY.matcher(out);
        while (m.find()) {
            ttls.add(Integer.parseInt(m.group(1)));
        }
        List<String> errors = new ArrayList<>();
        Matcher e = ERROR.matcher(out);
        while (e.find()) {
            errors.add(e.group(1) + " " + e.group(2).strip());
        }
        Matcher c = CONNECT.matcher(out);
        Optional<String> connect = c.find() ? Optional.of(c.group(1).strip())
                : out.contains(EACCES_HINT) ? Optional.of("Permission denied") : Optional.empty();
        return new RealPing(exit, ttls, errors, connect, out);
    }
}
