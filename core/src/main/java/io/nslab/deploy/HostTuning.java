package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.NodeName;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What {@code up --tune-host} did to the host's neighbour thresholds, for all labs together, in the state root's
 * {@code host-tuning} journal: the value each threshold had before nslab first raised it and the value it raised it
 * to, and the labs that rely on the raise. A threshold goes back to its original value only when the last of
 * those labs goes, and only if it still has the value nslab gave it (so neither a second lab's {@code down} nor a
 * value someone set since is undone). Lines:
 * <pre>
 * raise KEY ORIGINAL RAISED
 * lab NAME
 * drop NAME
 * </pre>
 */
final class HostTuning {
    static final String FILE = "host-tuning";

    /** A threshold nslab raised: from what, to what. */
    record Raise(long original, long raised) {
    }

    private final Path root;
    private final RecordFiles files;

    HostTuning(Path root) {
        this.root = root;
        this.files = new RecordFiles(root);
    }

    /** Holds the host-wide tuning lock while {@code work} reads and changes the tuning. */
    <T> T locked(java.util.function.Supplier<T> work) {
        try {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(root);
            }
            RecordFiles.requireDirectory(root);
            try (FileChannel ch = FileChannel.open(root.resolve(".host-tuning.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS); FileLock ignored = ch.lock()) {
                return work.get();
            } finally {
                files.close();
            }
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "cannot lock " + root.resolve(".host-tuning.lock") + ": " + e.getMessage(), e);
        }
    }

    /** Whether any tuning is on record (read without the lock: a hint, checked again under it). */
    boolean exists() {
        return Files.exists(root.resolve(FILE), LinkOption.NOFOLLOW_LINKS);
    }

    /** The thresholds raised, by key. Lines that do not parse count for nothing. */
    Map<String, Raise> raises() {
        Map<String, Raise> out = new LinkedHashMap<>();
        each((f, line) -> {
            if (f.length == 4 && f[0].equals("raise") && HostNeighbourLimits.isThreshold(f[1]) && digits(f[2]) && digits(f[3])) {
                out.putIfAbsent(f[1], new Raise(Long.parseLong(f[2]), Long.parseLong(f[3])));
                out.computeIfPresent(f[1], (k, r) -> new Raise(r.original(), Long.parseLong(f[3])));
            }
        });
        return out;
    }

    /** The labs relying on the raise. */
    Set<String> labs() {
        Set<String> out = new LinkedHashSet<>();
        each((f, line) -> {
            if (f.length == 2 && NodeName.problem(f[1]) == null) {
                if (f[0].equals("lab")) {
                    out.add(f[1]);
                } else if (f[0].equals("drop")) {
                    out.remove(f[1]);
                }
            }
        });
        return out;
    }

    void raised(String key, long original, long raised) {
        files.append(FILE, "raise " + key + " " + original + " " + raised + "\n");
    }

    void relyOn(String lab) {
        if (!labs().contains(lab)) {
            files.append(FILE, "lab " + lab + "\n");
        }
    }

    void drop(String lab) {
        if (labs().contains(lab)) {
            files.append(FILE, "drop " + lab + "\n");
        }
    }

    /** Forgets everything: the thresholds are back, or left to whoever changed them since. */
    void clear() {
        files.deleteFile(FILE);
    }

    /** Each line, split; a file that is not one nslab wrote (a link, a directory, too large) counts as empty. */
    private void each(java.util.function.BiConsumer<String[], String> line) {
        java.util.Optional<String> text;
        try {
            text = files.read(FILE);
        } catch (NslabException e) {
            return; // never acted on: nslab cannot tell what it would restore
        }
        text.ifPresent(t -> t.lines().forEach(l -> line.accept(l.split(" ", -1), l)));
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.length() <= 10 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
