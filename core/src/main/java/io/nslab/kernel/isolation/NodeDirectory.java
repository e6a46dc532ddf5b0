package io.nslab.kernel.isolation;

import io.nslab.ExitCode;
import io.nslab.NslabException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A directory of nslab's under a lab's record ({@code nodes/}, {@code nodes/NODE/}), handled without following a
 * symbolic link: a directory in the chain that is a link or not a directory is not nslab's and is refused, never
 * entered; files are read and written with {@code O_NOFOLLOW}; deletions go through a directory handle
 * ({@code unlinkat}) and take only the files nslab makes there, so a record cannot be turned into a way to
 * write or delete anywhere else.
 */
final class NodeDirectory {
    private final Path dir;

    NodeDirectory(Path dir) {
        this.dir = dir;
    }

    Path path() {
        return dir;
    }

    /** What is at the path, not following a link: empty when nothing is. */
    static Optional<BasicFileAttributes> kind(Path p) {
        try {
            return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why {@code p} is not a directory nslab may work in (a link, a file), or null when it is one or is absent. */
    static String problem(Path p) {
        return kind(p).map(a -> a.isDirectory() ? null : p + " is " + (a.isSymbolicLink() ? "a symbolic link" : "not a directory")
                + ", not a directory nslab made: left alone").orElse(null);
    }

    /** Whether the directory exists as a real directory. */
    boolean exists() {
        return kind(dir).filter(BasicFileAttributes::isDirectory).isPresent();
    }

    /** Refuses (exit 3) a link or a file in place of this directory or of {@code parents}. */
    void requireReal(Path... parents) {
        for (Path p : parents) {
            String problem = problem(p);
            if (problem != null) {
                throw new NslabException(ExitCode.ENVIRONMENT, problem);
            }
        }
        String problem = problem(dir);
        if (problem != null) {
            throw new NslabException(ExitCode.ENVIRONMENT, problem);
        }
    }

    /** Makes the directory (its parent must be a real directory); an existing real directory is kept. */
    void create() {
        String problem = problem(dir);
        if (problem != null) {
            throw new NslabException(ExitCode.ENVIRONMENT, problem);
        }
        try {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            requireReal();
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates file {@code name} with {@code text}; refuses when anything (a link too) is already there. */
    void createFile(String name, String text) {
        try (FileChannel ch = FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            writeFully(ch, text);
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab cannot create " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** Appends whole lines to file {@code name} and forces them to storage before returning. */
    void append(String name, String lines) {
        try (FileChannel ch = FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
            writeFully(ch, lines);
            ch.force(false);
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** The text of regular file {@code name} (at most 64 KiB), if there is one; a link or anything else is not read. */
    Optional<String> read(String name) {
        Path p = dir.resolve(name);
        Optional<BasicFileAttributes> a = kind(p);
        if (a.isEmpty() || !a.get().isRegularFile() || a.get().size() > 65_536) {
            return Optional.empty();
        }
        try (SeekableByteChannel ch = Files.newByteChannel(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer b = ByteBuffer.allocate((int) a.get().size());
            while (b.hasRemaining() && ch.read(b) > 0) {
                // read it whole
            }
            return Optional.of(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether something (anything, a link too) is at {@code name}. */
    boolean has(String name) {
        return kind(dir.resolve(name)).isPresent();
    }

    /**
     * Deletes the files of {@code names} that are in the directory (a link is removed itself, a directory or a mount
     * point stays), through a handle on the directory, then the directory itself when that left it empty. Returns what
     * stays, in words.
     */
    List<String> deleteFiles(List<String> names) {
        List<String> left = new ArrayList<>();
        Path parent = dir.getParent();
        String problem = problem(parent) != null ? problem(parent) : problem(dir);
        if (problem != null) {
            return List.of(problem);
        }
        if (!exists()) {
            return left;
        }
        try (DirectoryStream<Path> up = Files.newDirectoryStream(parent)) {
            if (!(up instanceof SecureDirectoryStream<Path> parentHandle)) {
                return List.of(dir + ": this file system offers no safe way to delete (no openat): left alone");
            }
            Path self = dir.getFileName();
            try (SecureDirectoryStream<Path> handle = parentHandle.newDirectoryStream(self, LinkOption.NOFOLLOW_LINKS)) {
                for (String name : names) {
                    Path f = Path.of(name);
                    try {
                        BasicFileAttributes a = handle.getFileAttributeView(f, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                                .readAttributes();
                        if (a.isDirectory()) {
                            left.add(dir.resolve(name) + " is a directory nslab did not make: left alone");
                        } else {
                            handle.deleteFile(f);
                        }
                    } catch (NoSuchFileException e) {
                        // not there
                    } catch (FileSystemException e) {
                        left.add(dir.resolve(name) + ": " + (e.getReason() == null ? e.getMessage() : e.getReason()));
                    }
                }
            }
            try {
                parentHandle.deleteDirectory(self);
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                if (left.isEmpty()) {
                    left.add(dir + " holds files nslab did not make: left alone");
                }
            } catch (NoSuchFileException e) {
                // gone
            } catch (FileSystemException e) {
                left.add(dir + ": " + (e.getReason() == null ? e.getMessage() : e.getReason()));
            }
        } catch (FileSystemException e) {
            left.add(dir + ": " + (e.getReason() == null ? e.getMessage() : e.getReason()) + " (not a directory nslab made: left alone)");
        } catch (IOException e) {
            left.add(dir + ": " + e.getMessage());
        }
        return left;
    }

    /** The names of the real directories in this directory (links and files are not listed). */
    List<String> subdirectories() {
        if (!exists()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (kind(p).filter(BasicFileAttributes::isDirectory).isPresent()) {
                    out.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void writeFully(FileChannel ch, String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            if (ch.write(buf) == 0) {
                throw new IOException("no space left: wrote " + buf.position() + " of " + buf.limit() + " bytes");
            }
        }
    }
}
