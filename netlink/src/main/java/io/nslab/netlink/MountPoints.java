package io.nslab.netlink;

import java.nio.file.Path;

/**
 * Bind mounts of single files (namespace files), and unmounting without following a symbolic link: what a caller
 * verified to be a mount point is what goes.
 */
public final class MountPoints {
    private static final int UMOUNT_NOFOLLOW = 8;

    private MountPoints() {
    }

    /**
     * Binds {@code source} on {@code target} (equivalent to: mount --bind SOURCE TARGET), with no program in
     * between to resolve either path: {@code /proc/PID/ns/KIND} is bound as the namespace it is. Throws
     * {@link NativeException} with the errno when the kernel refuses.
     */
    public static void bind(Path source, Path target) {
        int errno = MountCalls.mount(source.toString(), target.toString(), MountCalls.MS_BIND);
        if (errno != 0) {
            throw new NativeException("mount(" + source + ", " + target + ", MS_BIND)", errno);
        }
    }

    /**
     * Detaches the mount at {@code mountPoint} (equivalent to: umount -l PATH), refusing to follow a symbolic link
     * in its last component. Throws {@link NativeException} with the errno when the kernel refuses.
     */
    public static void detach(Path mountPoint) {
        int errno = MountCalls.umount2(mountPoint.toString(), MountCalls.MNT_DETACH | UMOUNT_NOFOLLOW);
        if (errno != 0) {
            throw new NativeException("umount2(" + mountPoint + ")", errno);
        }
    }
}
