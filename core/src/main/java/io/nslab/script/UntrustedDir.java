package io.nslab.script;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A directory that a script's sandbox shows and may change while this process works in it: the script's root may
 * put a link or another directory where a file was. Every access therefore starts from a descriptor opened before
 * the sandbox ran and goes down one name at a time, never through a link ({@link SecureDirectoryStream}: openat(2)
 * with O_NOFOLLOW, renameat(2), unlinkat(2)). New files and directories are made in {@code staging}, a directory the
 * sandbox does not show, and renamed into place whole, owned by {@code owner} (the sandbox's root, where that is
 * another uid than this process's) so that inside they look like the kernel's: root's, 0644, or as asked.
 */
final class UntrustedDir implements AutoCloseable {
    /** Longest file this reads back: far beyond any value of /proc/sys/net. */
    static final int MAX_READ = 64 * 1024;
    private static final AtomicLong NAMES = new AtomicLong();

    private final Path path;
    private final SecureDirectoryStream<Path> dir;
    private final Path staging;
    private final SecureDirectoryStream<Path> stagingDir;
    private final int owner;
    /** Whether a file made in staging is owner's already: the directory's uid and gid are owner's. */
    private final boolean ownedAlready;
    private static final int UMASK = umask();

    /**
     * @param owner the uid and gid that new entries get, or -1 to leave them this process's
     */
    UntrustedDir(Path path, Path staging, int owner) throws IOException {
        this.path = path;
        this.staging = staging;
        this.owner = owner;
        Files.createDirectories(path);
        Files.createDirectories(staging);
        this.dir = secure(path);
        this.stagingDir = secure(staging);
        this.ownedAlready = owner >= 0 && (Integer) Files.getAttribute(staging, "unix:uid") == owner
                && (Integer) Files.getAttribute(staging, "unix:gid") == owner;
    }

    private static SecureDirectoryStream<Path> secure(Path p) throws IOException {
        DirectoryStream<Path> ds = Files.newDirectoryStream(p);
        if (ds instanceof SecureDirectoryStream<Path> s) {
            return s;
        }
        ds.close();
        throw new IOException("this platform cannot open " + p + " without following links (no openat)");
    }

    /** The directory's path, for an inotify watch (which follows no link: IN_DONT_FOLLOW). */
    Path path() {
        return path;
    }

    /** Writes {@code text} to the file {@code rel} (a/b/name), its directories made where missing, in one rename. */
    void write(String rel, String text, String perms) throws IOException {
        Path staged = staging.resolve("f" + NAMES.incrementAndGet());
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString(perms);
        int made;
        if (text.isEmpty()) { // a namespace's file in /run/netns: made, not written, with its mode where the umask allows
            Files.createFile(staged, PosixFilePermissions.asFileAttribute(mode));
            made = bits(mode) & ~UMASK;
        } else {
            Files.writeString(staged, text, StandardCharsets.UTF_8);
            made = 0666 & ~UMASK;
        }
        finish(staged, mode, UMASK >= 0 && made == bits(mode));
        List<String> parts = split(rel);
        try {
            if (parts.size() == 1) { // straight into this directory, without opening it again (a namespace's file)
                stagingDir.move(staged.getFileName(), dir, Path.of(parts.getFirst()));
                return;
            }
            try (SecureDirectoryStream<Path> parent = open(parts.subList(0, parts.size() - 1), true)) {
                stagingDir.move(staged.getFileName(), parent, Path.of(parts.getLast()));
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(staged);
            throw e;
        }
    }

    /** Makes the directory {@code rel} and those above it where missing. */
    void makeDirectories(String rel) throws IOException {
        open(split(rel), true).close();
    }

    /**
     * The file {@code rel}'s text, at most {@link #MAX_READ} bytes of it. Only a regular file is read: a link is not
     * followed, and a FIFO the script made there would block the read.
     */
    String read(String rel) throws IOException {
        List<String> parts = split(rel);
        try (SecureDirectoryStream<Path> parent = open(parts.subList(0, parts.size() - 1), false)) {
            Path leaf = Path.of(parts.getLast());
            if (!parent.getFileAttributeView(leaf, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes().isRegularFile()) {
                throw new IOException(rel + " is not a regular file");
            }
            return read(parent, leaf);
        }
    }

    private static String read(SecureDirectoryStream<Path> parent, Path leaf) throws IOException {
        try (SeekableByteChannel ch = parent.newByteChannel(leaf, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            ByteBuffer b = ByteBuffer.allocate(MAX_READ);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // until the end or the limit
            }
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        }
    }

    /** Removes the file (or link) {@code rel}, if there is one. */
    void delete(String rel) throws IOException {
        List<String> parts = split(rel);
        try (SecureDirectoryStream<Path> parent = open(parts.subList(0, parts.size() - 1), false)) {
            parent.deleteFile(Path.of(parts.getLast()));
        } catch (NoSuchFileException e) {
            // gone already
        }
    }

    /** Removes the directory {@code rel} if it is empty and a directory; true when it went. */
    boolean deleteIfEmpty(String rel) throws IOException {
        List<String> parts = split(rel);
        try (SecureDirectoryStream<Path> parent = open(parts.subList(0, parts.size() - 1), false)) {
            parent.deleteDirectory(Path.of(parts.getLast()));
            return true;
        } catch (NoSuchFileException | DirectoryNotEmptyException e) {
            return false;
        } catch (java.nio.file.FileSystemException e) {
            return false; // not a directory (a link the script put there): left alone
        }
    }

    /** The directory below this one at {@code parts}, each step opened without following a link. */
    private SecureDirectoryStream<Path> open(List<String> parts, boolean create) throws IOException {
        SecureDirectoryStream<Path> at = dir.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS);
        try {
            for (String name : parts) {
                Path p = Path.of(name);
                SecureDirectoryStream<Path> next;
                try {
                    next = at.newDirectoryStream(p, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    if (!create) {
                        throw e;
                    }
                    Path staged = staging.resolve("d" + NAMES.incrementAndGet());
                    Files.createDirectory(staged);
                    // this process's, not the sandbox's root's: inside, nothing can be added to or taken from it
                    Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rwxr-xr-x"));
                    try {
                        stagingDir.move(staged.getFileName(), at, p);
                    } catch (IOException moved) {
                        Files.deleteIfExists(staged); // made meanwhile by the script: then it is used
                    }
                    next = at.newDirectoryStream(p, LinkOption.NOFOLLOW_LINKS);
                }
                at.close();
                at = next;
            }
            return at;
        } catch (IOException | RuntimeException e) {
            at.close();
            throw e;
        }
    }

    /**
     * Gives a new file its mode (unless it was made with it) and its owner (unless it is this process's, as when
     * nslab runs as root): a chmod and two chowns less per namespace made, of the 1000-host star's 1001.
     */
    private void finish(Path staged, Set<PosixFilePermission> mode, boolean hasMode) throws IOException {
        if (!hasMode) {
            Files.setPosixFilePermissions(staged, mode);
        }
        if (owner >= 0 && !ownedAlready) {
            Files.setAttribute(staged, "unix:uid", owner);
            Files.setAttribute(staged, "unix:gid", owner);
        }
    }

    private static int bits(Set<PosixFilePermission> mode) {
        int b = 0;
        for (PosixFilePermission p : mode) {
            b |= 0400 >> p.ordinal(); // OWNER_READ, OWNER_WRITE, ..., OTHERS_EXECUTE: 0400 down to 0001
        }
        return b;
    }

    /** This process's umask (Linux shows it in /proc/self/status), or -1 where it cannot be read. */
    private static int umask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring(6).strip(), 8);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown: every file gets its chmod
        }
        return -1;
    }

    /** A relative path's names; none may be empty, "." or "..". */
    private static List<String> split(String rel) {
        List<String> parts = new ArrayList<>(List.of(rel.split("/")));
        if (parts.isEmpty() || parts.stream().anyMatch(n -> n.isEmpty() || n.equals(".") || n.equals(".."))) {
            throw new IllegalArgumentException("not a path below the directory: " + rel);
        }
        return parts;
    }

    @Override
    public void close() throws IOException {
        try {
            dir.close();
        } finally {
            stagingDir.close();
        }
    }
}
