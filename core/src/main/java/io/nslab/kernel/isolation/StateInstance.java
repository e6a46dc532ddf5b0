package io.nslab.kernel.isolation;

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
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identity of one state directory ({@code /run/nslab}, a sandbox's own, a test's {@code --state-dir}): 64 random
 * bits made once and kept in its {@code instance} file. Whatever nslab makes outside the state directory for a node
 * carries it — the node's cgroups ({@code nslab/ID/LAB/NODE}) and its processes' marker — so that two state
 * directories on one host (two sandboxes, two CI jobs) never share a cgroup, and {@code cleanup} finds its own
 * leftovers without a record and only its own.
 *
 * <p>The file also names the directory it belongs to (device and inode): a copy of another state directory's file
 * is refused, as is a file that is a link, not regular, or not the directory owner's.
 */
public record StateInstance(String id) {
    static final String FILE = "instance";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{16}) ([0-9]{1,20}) ([0-9]{1,20})\n");

    public StateInstance {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an instance id: " + id);
        }
    }

    /** The state directory's instance, made now if it has none. */
    public static StateInstance obtain(Path root) {
        Optional<StateInstance> found = find(root);
        if (found.isPresent()) {
            return found.get();
        }
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        String text = id + " " + identity(root) + "\n";
        Path tmp = root.resolve(FILE + "." + id + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            try {
                Files.createLink(root.resolve(FILE), tmp); // link(2): whole or not at all, and never over another's
            } catch (FileAlreadyExistsException e) {
                // made by a concurrent nslab: that one counts
            } finally {
                Files.delete(tmp);
            }
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab cannot write " + root.resolve(FILE) + ": " + e.getMessage(), e);
        }
        return find(root).orElseThrow(() -> new NslabException(ExitCode.ENVIRONMENT, root.resolve(FILE) + " vanished as it was made"));
    }

    /**
     * The state directory's instance, if it has one; throws (exit 3) when its file is not one nslab wrote for this
     * directory, which nslab then never acts on.
     */
    public static Optional<StateInstance> find(Path root) {
        Path f = root.resolve(FILE);
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String identity = identity(root);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw untrusted(f, e.getMessage());
        }
        if (!a.isRegularFile() || a.size() > 64) {
            throw untrusted(f, a.isSymbolicLink() ? "a symbolic link" : a.isRegularFile() ? a.size() + " bytes" : "not a regular file");
        }
        String text;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.getAttribute(f, "unix:uid", LinkOption.NOFOLLOW_LINKS).equals(Files.getAttribute(root, "unix:uid",
                    LinkOption.NOFOLLOW_LINKS))) {
                throw untrusted(f, "owned by another user than the state directory");
            }
            ByteBuffer b = ByteBuffer.allocate(64);
            while (ch.read(b) > 0 && b.hasRemaining()) {
                // read it whole
            }
            text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw untrusted(f, e.getMessage());
        }
        var m = LINE.matcher(text);
        if (!m.matches()) {
            throw untrusted(f, "not an instance record");
        }
        if (!identity.equals(m.group(2) + " " + m.group(3))) {
            throw untrusted(f, "written for another state directory");
        }
        return Optional.of(new StateInstance(m.group(1)));
    }

    /** "DEVICE INODE" of the state directory, which must be a real directory. */
    private static String identity(Path root) {
        try {
            BasicFileAttributes a = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory()) {
                throw new NslabException(ExitCode.ENVIRONMENT, root + " should be nslab's state directory but is "
                        + (a.isSymbolicLink() ? "a symbolic link" : "not a directory") + "; nslab leaves it alone");
            }
            return Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS) + " "
                    + Files.getAttribute(root, "unix:ino", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab cannot read " + root + ": " + e.getMessage(), e);
        }
    }

    private static NslabException untrusted(Path f, String why) {
        return new NslabException(ExitCode.ENVIRONMENT, f + " is not the instance record nslab made for this state directory ("
                + why + "); nslab leaves its nodes' cgroups and processes alone (remove the file once no lab runs)");
    }
}
