package io.nslab;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A new directory that only this user may enter, named after this process: {@code PREFIX<pid>-<clock>-<n>}.
 *
 * <p>Not {@code Files.createTempDirectory}: its random name starts the JDK's {@code SecureRandom}, whose seeding lists
 * the host's network interfaces, 5-15 ms of a short command here (docs/benchmarks.md). A random name buys nothing: the
 * directory is made with mode 0700 in one mkdir(2), which never takes a name that exists, so a name taken, even by
 * someone else's directory in a shared /tmp, is only passed over.
 */
public final class OwnDirectory {
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    /** Names tried before giving up: more than a hundred taken means something else is wrong. */
    private static final int ATTEMPTS = 100;

    private OwnDirectory() {
    }

    /** Makes the directory in {@code parent}; its name starts with {@code prefix} followed by this process's pid and a dash. */
    public static Path create(Path parent, String prefix) throws IOException {
        String base = prefix + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
        for (int i = 0; ; i++) {
            try {
                return Files.createDirectory(parent.resolve(base + "-" + i), OWNER_ONLY);
            } catch (FileAlreadyExistsException e) {
                if (i + 1 >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The same in the JDK's temporary directory ({@code java.io.tmpdir}), where createTempDirectory would make it. */
    public static Path inTemporary(String prefix) throws IOException {
        return create(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }
}
