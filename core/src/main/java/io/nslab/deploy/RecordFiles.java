package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.NslabException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;

/**
 * The files of one record directory, read and written without following symbolic links, and every write checked:
 * appended lines are written whole and forced to storage before the caller goes on (a claim that did not reach the
 * file must stop the creation it precedes), and replaced files are written aside, forced, then renamed over. A
 * file or directory that is a symbolic link, or not of the kind nslab makes, is refused, never followed: a record
 * must not become a way to write or delete somewhere else.
 */
final class RecordFiles {
    private static final OpenOption[] APPEND = {StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS};
    private static final OpenOption[] CREATE_NEW = {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS};
    /** The user this process runs as: the owner of the files it writes. */
    private static final int OWN_UID = ownUid();

    private static int ownUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A record file is small; anything larger is not one nslab wrote. */
    static final long MAX_SIZE = 64L << 20;

    private final Path dir;
    /** Files being appended to, kept open while a command runs: a namespace's ownership line costs one write. */
    private final java.util.Map<String, FileChannel> appending = new java.util.HashMap<>();

    RecordFiles(Path dir) {
        this.dir = dir;
    }

    /** Closes the files kept open for appending. */
    synchronized void close() {
        for (FileChannel ch : appending.values()) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing after the data was forced: nothing is lost
            }
        }
        appending.clear();
    }

    private synchronized void closeAppender(String name) {
        FileChannel ch = appending.remove(name);
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // as above
            }
        }
    }

    Path directory() {
        return dir;
    }

    /** Whether the directory exists as a real directory (a symbolic link in its place is not one). */
    boolean exists() {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
    }

    /** Makes the directory if it is missing; refuses a symbolic link or a file in its place. */
    void create() {
        try {
            if (!Files.exists(dir.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
            }
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            requireDirectory(dir);
        } catch (IOException e) {
            throw failure("cannot create", dir, e);
        }
    }

    /** The text of a record file, if it exists; refuses a file that is a link, not regular, or too large. */
    Optional<String> read(String name) {
        Path p = dir.resolve(name);
        try {
            BasicFileAttributes a = requireOurs(p);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.allocate((int) a.size());
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // read it whole
                }
                return Optional.of(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("cannot read", p, e);
        }
    }

    /**
     * The attributes of {@code p} if it is a record file as nslab writes them: a regular file of sane size, not a link
     * of either kind, owned by this user; refuses anything else (it is left alone).
     */
    private static BasicFileAttributes requireOurs(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String foreign = !a.isRegularFile() ? (a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a directory" : "not a regular file")
                : a.size() > MAX_SIZE ? a.size() + " bytes"
                : (Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS) != 1 ? "a hard link to another file"
                : (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) != OWN_UID ? "owned by another user" : null;
        if (foreign != null) {
            throw new NslabException(ExitCode.ENVIRONMENT, p + " is not a record file nslab wrote (" + foreign + "); it is left alone");
        }
        return a;
    }

    /** Appends text (whole lines) and forces it to storage; a short or failed write throws, never passes. */
    synchronized void append(String name, String text) {
        Path p = dir.resolve(name);
        try {
            FileChannel ch = appending.get(name);
            if (ch == null) {
                create();
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    requireOurs(p); // a hard link to another file would be written through
                }
                ch = FileChannel.open(p, Set.of(APPEND));
                appending.put(name, ch);
            }
            writeFully(ch, text);
            ch.force(false);
        } catch (IOException e) {
            closeAppender(name);
            throw failure("cannot write", p, e);
        }
    }

    /** Replaces a file's text: written aside (a file of its own, never an existing one), forced, renamed over. */
    void replace(String name, String text) {
        closeAppender(name); // its file is about to be replaced: later lines go to the new one
        create();
        Path tmp = dir.resolve(name + ".tmp");
        Path p = dir.resolve(name);
        try {
            deleteFile(name + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, Set.of(CREATE_NEW))) {
                writeFully(ch, text);
                ch.force(false);
            }
            Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw failure("cannot write", p, e);
        }
    }

    /** Deletes a regular file or a symbolic link itself (never what it points to); a directory is left. */
    void deleteFile(String name) {
        closeAppender(name);
        Path p = dir.resolve(name);
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory()) {
                Files.delete(p);
            }
        } catch (NoSuchFileException e) {
            // nothing to delete
        } catch (IOException e) {
            throw failure("cannot delete", p, e);
        }
    }

    /** Deletes the directory if it is empty; one with someone else's files in it stays. */
    void deleteDirectoryIfEmpty() {
        try {
            if (exists()) {
                Files.delete(dir);
            }
        } catch (java.nio.file.DirectoryNotEmptyException | NoSuchFileException e) {
            // not ours to empty, or gone already
        } catch (java.nio.file.FileSystemException e) {
            if (!"Device or resource busy".equals(e.getReason())) { // EBUSY: a mount point (nodes/ with a mount nslab left alone)
                throw failure("cannot delete", dir, e);
            }
        } catch (IOException e) {
            throw failure("cannot delete", dir, e);
        }
    }

    private static void writeFully(FileChannel ch, String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            if (ch.write(buf) == 0) {
                throw new IOException("no space left: wrote " + buf.position() + " of " + buf.limit() + " bytes");
            }
        }
    }

    /** Refuses anything but a real directory at {@code p}. */
    static void requireDirectory(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory()) {
                throw new NslabException(ExitCode.ENVIRONMENT, p + " should be a directory of nslab's records but is "
                        + (a.isSymbolicLink() ? "a symbolic link" : "a file") + "; nslab leaves it alone (remove it to go on)");
            }
        } catch (IOException e) {
            throw failure("cannot read", p, e);
        }
    }

    private static NslabException failure(String what, Path p, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file or directory"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new NslabException(ExitCode.ENVIRONMENT, "nslab " + what + " " + p + ": " + why, e);
    }
}
