package io.nslab.rootless;

import io.nslab.ExitCode;
import io.nslab.NslabException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where a user's rootless labs live: {@code $XDG_RUNTIME_DIR/nslab} when the user has a runtime directory of
 * their own, else {@code /tmp/nslab-UID}. It holds the holder's file, the records ({@code state/}) and the files
 * the lab's namespaces are bound on ({@code netns/}); the bindings exist only in the holder's mount namespace,
 * so no other user, and not the host's {@code ip netns}, sees them.
 */
public record RootlessHome(Path dir) {

    /** The home of the user running this process, made (mode 0700) if missing and checked to be theirs. */
    public static RootlessHome ofCurrentUser(Map<String, String> env) {
        int uid = currentUid();
        String xdg = env.get("XDG_RUNTIME_DIR");
        Path base = xdg != null && !xdg.isBlank() && ownedDirectory(Path.of(xdg), uid) ? Path.of(xdg).resolve("nslab")
                : Path.of("/tmp", "nslab-" + uid);
        RootlessHome home = new RootlessHome(base.toAbsolutePath().normalize());
        home.make(uid);
        return home;
    }

    public Path netnsDir() {
        return dir.resolve("netns");
    }

    public Path stateDir() {
        return dir.resolve("state");
    }

    Path holderFile() {
        return dir.resolve("holder");
    }

    private void make(int uid) {
        try {
            for (Path p : new Path[] {dir, netnsDir(), stateDir()}) {
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                if (!ownedDirectory(p, uid)) {
                    throw new NslabException(ExitCode.ENVIRONMENT, "nslab: " + p + " is not a directory of this user's own "
                            + "(a link, a file, or another user's); rootless labs live there. Remove it, or set XDG_RUNTIME_DIR "
                            + "to a directory of your own");
                }
            }
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab: cannot make " + dir + " for rootless labs: " + e.getMessage());
        }
    }

    static boolean ownedDirectory(Path p, int uid) {
        try {
            return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && ((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)) == uid;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The effective uid of this process (the owner of {@code /proc/self}). */
    public static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab: cannot read this process's uid: " + e.getMessage());
        }
    }
}
