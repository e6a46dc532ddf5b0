package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.MessageText;
import io.nslab.NslabException;
import io.nslab.model.NodeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where nslab records what it owns: {@code /run/nslab/<lab>/} (a tmpfs, like the namespaces, so
 * it does not outlive a reboot). Per lab:
 * <ul>
 *   <li>{@code namespaces}: one line per namespace, written and flushed <em>before</em> it is created,
 *       so that {@code down} and {@code cleanup} find it even after {@code kill -9};</li>
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

    /** The labs with a record, sorted. */
    public List<String> labs() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            // a record always has its lock (up takes it before it writes anything): other directories are not labs
            return s.filter(p -> Files.isRegularFile(p.resolve(".lock"))).map(p -> p.getFileName().toString()).sorted().toList();
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

    /** Takes the lab's lock, waiting for another command that holds it. */
    public Lock lock(String name) {
        Path dir = directory(name);
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(dir);
                FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                return new Lock(ch, ch.lock());
            } catch (java.nio.file.NoSuchFileException e) {
                if (attempt == 3) { // a cleanup removed the empty directory in between (see removeAbandoned), again and again
                    throw new UncheckedIOException(e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Removes the record directories that an {@code up} made and died before it could put its lock in
     * (killed between the two): empty, and without {@code .lock}. Returns their names. A directory with
     * anything in it is left alone.
     */
    public List<String> removeAbandoned() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> removed = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(Files::isDirectory).filter(p -> !Files.exists(p.resolve(".lock"))).sorted().toList()) {
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

    static void appendLine(Path file, String line) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
