package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.MessageText;
import io.nslab.NslabException;
import io.nslab.model.NodeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where nslab records what it owns: {@code /run/nslab/<lab>/} (a tmpfs, like the namespaces, so
 * it does not outlive a reboot). Per lab:
 * <ul>
 *   <li>{@code namespaces}: the ownership journal ({@link LabRecord}): each namespace claimed before it is made,
 *       owned with its inode before it is bound under its name, released once deleted; so that {@code down} and
 *       {@code cleanup} find it even after {@code kill -9}, and never take a namespace that has the name but not
 *       the inode;</li>
 *   <li>{@code host-links}: the same for interfaces made in the host's namespace, with their indexes;</li>
 *   <li>{@code lab.yaml}: the lab as last applied, from which the next {@code plan} is computed;</li>
 *   <li>{@code sysctls}: values found before the lab first set them, to restore on removal;</li>
 *   <li>{@code .lock}: held while a command changes the lab.</li>
 * </ul>
 */
public final class StateStore {
    public static final Path DEFAULT_ROOT = Path.of("/run/nslab");

    private final Path root;

    public StateStore(Path root) {
        this.root = root;
    }

    public static StateStore standard() {
        return new StateStore(DEFAULT_ROOT);
    }

    public Path root() {
        return root;
    }

    /** What {@code --tune-host} did to the host, for all labs: see {@link HostTuning}. */
    HostTuning hostTuning() {
        return new HostTuning(root);
    }

    /** The labs with a record, sorted: real directories holding a regular {@code .lock} (never a link). */
    public List<String> labs() {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            // a record always has its lock (up takes it before it writes anything): other directories are not labs
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                            && Files.isRegularFile(p.resolve(".lock"), LinkOption.NOFOLLOW_LINKS)
                            && NodeName.problem(p.getFileName().toString()) == null)
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record of lab {@code name}; refuses (exit 2) a name that is not a lab name, before any path is made of it. */
    public LabRecord lab(String name) {
        return new LabRecord(directory(name));
    }

    /**
     * {@code root/name}, for a lab name only. Joined unchecked, {@code ..} was the directory above the
     * root, {@code /} the file system's root, and {@code down} deleted the files it found there.
     */
    private Path directory(String name) {
        String problem = NodeName.problem(name);
        if (problem != null) {
            throw new NslabException(ExitCode.BAD_INPUT, MessageText.oneLine(problem.replace("node name", "lab name")));
        }
        Path dir = root.resolve(name);
        if (!root.equals(dir.getParent())) {
            throw new NslabException(ExitCode.BAD_INPUT, "lab name \"" + MessageText.oneLine(name) + "\" is not a plain name");
        }
        return dir;
    }

    /** Takes the lab's lock, waiting for another command that holds it (at most a minute, saying so after two seconds). */
    public Lock lock(String name) {
        return lock(name, Duration.ofSeconds(60), notice -> System.err.println(notice));
    }

    /**
     * Takes the lab's lock. While another command holds it, waits: after two seconds {@code notice} hears that (and
     * which process holds it, where the kernel says); after {@code wait}, gives up (exit 3) rather than wait in
     * silence for a command that may be stopped.
     */
    public Lock lock(String name, Duration wait, Consumer<String> notice) {
        Path dir = directory(name);
        long deadline = System.nanoTime() + wait.toNanos();
        long noticeAt = System.nanoTime() + Math.min(wait.toNanos(), NOTICE_AFTER.toNanos());
        boolean noticed = false;
        for (int attempt = 1; ; attempt++) {
            try {
                createRoot();
                new RecordFiles(dir).create();
                FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
                try {
                    while (true) {
                        FileLock lock = ch.tryLock();
                        if (lock != null) {
                            return new Lock(ch, lock);
                        }
                        long now = System.nanoTime();
                        if (now - deadline >= 0) {
                            throw new NslabException(ExitCode.ENVIRONMENT, "lab " + name + " is still locked by another nslab "
                                    + "command after " + wait.toSeconds() + " s" + holder(dir) + "; if that command is stopped "
                                    + "(Ctrl-Z, kill -STOP), resume or end it, then try again");
                        }
                        if (!noticed && now - noticeAt >= 0) {
                            notice.accept("nslab: lab " + name + " is locked by another nslab command" + holder(dir)
                                    + "; waiting up to " + wait.toSeconds() + " s");
                            noticed = true;
                        }
                        Thread.sleep(20);
                    }
                } catch (RuntimeException | InterruptedException e) {
                    ch.close();
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new NslabException(ExitCode.ENVIRONMENT, "interrupted while waiting for the lock of lab " + name);
                    }
                    throw (RuntimeException) e;
                }
            } catch (java.nio.file.NoSuchFileException e) {
                if (attempt == 3) { // a cleanup removed the empty directory in between (see removeAbandoned), again and again
                    throw new UncheckedIOException(e);
                }
            } catch (IOException e) {
                throw new NslabException(ExitCode.ENVIRONMENT, "cannot lock " + dir.resolve(".lock") + ": " + e.getMessage(), e);
            }
        }
    }

    private static final Duration NOTICE_AFTER = Duration.ofSeconds(2);

    /**
     * Whether another command holds the lab's lock now (an {@code up} or {@code down} under way), and which process,
     * where the kernel says: empty when nobody does.
     */
    public Optional<String> busy(String name) {
        Path lock = directory(name).resolve(".lock");
        if (!Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock l = ch.tryLock();
            if (l != null) {
                l.release();
                return Optional.empty();
            }
            return Optional.of(holder(lock.getParent()));
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return Optional.of("");
        }
    }

    /** Makes the state root if it is missing; refuses a link or a file in its place. */
    private void createRoot() throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(root);
        }
        RecordFiles.requireDirectory(root);
    }

    /** " (held by process N)" from /proc/locks, where the lock file's inode appears; empty if not found. */
    private static String holder(Path dir) {
        try {
            long ino = (Long) Files.getAttribute(dir.resolve(".lock"), "unix:ino", LinkOption.NOFOLLOW_LINKS);
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                String[] f = line.trim().split("\\s+");
                // 1: POSIX  ADVISORY  WRITE 1234 00:1a:5678 0 EOF
                if (f.length >= 6 && f[5].endsWith(":" + ino)) {
                    return " (held by process " + f[4] + ")";
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the message is complete without it
        }
        return "";
    }

    /**
     * Removes the record directories that an {@code up} made and died before it could put its lock in
     * (killed between the two): empty, and without {@code .lock}. Returns their names. A directory with
     * anything in it is left alone, and so is anything that is not a real directory.
     */
    public List<String> removeAbandoned() {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> removed = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !Files.exists(p.resolve(".lock"), LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                try {
                    Files.delete(p);
                    removed.add(p.getFileName().toString());
                } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
                    // not empty: not an abandoned record; gone: someone else removed it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    /** An exclusive lock on one lab, released by {@link #close()}. */
    public record Lock(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
