package io.nslab;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/** Removing a directory's contents: links in it are removed, never followed. */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Removes everything below {@code dir}, and {@code dir} too unless {@code keepTop}. Each entry is removed relative
     * to its directory's descriptor (unlinkat(2)), one system call for a file, and looked at only when that fails
     * because it is a directory: a script's work directory has a file per namespace, a thousand for a star, which a
     * walk that reads every entry's attributes and removes it by its whole path took twice as long to remove.
     */
    public static void delete(Path dir, boolean keepTop) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) { // a link to a directory is removed, not followed
            Files.deleteIfExists(dir);
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            if (ds instanceof SecureDirectoryStream<Path> s) {
                deleteBelow(s);
            } else {
                walkAndDelete(dir);
            }
        }
        if (!keepTop) {
            Files.deleteIfExists(dir);
        }
    }

    private static void deleteBelow(SecureDirectoryStream<Path> dir) throws IOException {
        for (Path entry : dir) {
            Path name = entry.getFileName();
            try {
                dir.deleteFile(name);
            } catch (NoSuchFileException e) {
                // gone meanwhile
            } catch (FileSystemException e) {
                BasicFileAttributes a;
                try {
                    a = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (!a.isDirectory()) {
                    throw e;
                }
                try (SecureDirectoryStream<Path> below = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    deleteBelow(below);
                }
                try {
                    dir.deleteDirectory(name);
                } catch (NoSuchFileException gone) {
                    // gone meanwhile
                }
            }
        }
    }

    /** Where the platform cannot open a directory's entries relative to it: a walk, as before. */
    private static void walkAndDelete(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                if (!d.equals(dir)) {
                    Files.deleteIfExists(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
