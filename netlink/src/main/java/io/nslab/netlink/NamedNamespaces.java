package io.nslab.netlink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Named network namespaces, kept alive by bind mounts in a directory, exactly as {@code ip netns} keeps them:
 * namespaces created here are listed by {@code ip netns list} and entered by {@code ip netns exec}, and those
 * created by {@code ip netns add} can be opened here. The directory is {@code /run/netns} unless another is
 * given, which tests and sandboxes do.
 *
 * <p>Creating a namespace runs on a pooled platform thread that unshares its network namespace, bind-mounts it,
 * and returns to the process's namespace; the calling thread never changes namespace. Several threads may
 * create namespaces at the same time.
 */
public final class NamedNamespaces {
    /** iproute2's directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/run/netns");

    private final Path directory;
    private volatile boolean prepared;

    private NamedNamespaces(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The namespaces of {@code ip netns}, in {@code /run/netns}. */
    public static NamedNamespaces standard() {
        return new NamedNamespaces(DEFAULT_DIRECTORY);
    }

    /** Namespaces kept in another directory, created on first use. */
    public static NamedNamespaces at(Path directory) {
        return new NamedNamespaces(directory);
    }

    public Path directory() {
        return directory;
    }

    /** Equivalent to: {@code ip netns add NAME}. Returns the new namespace, open. */
    public NetNs create(String name) {
        return create(name, false, inode -> {
        }).namespace();
    }

    /**
     * Equivalent to: {@code ip netns add NAME}, returning an rtnetlink handle opened inside the new namespace
     * while the creating thread was still there, which saves entering it again. Closing the handle closes the
     * namespace descriptor too (the namespace itself lives on until {@link #delete}).
     */
    public Netlink createWithNetlink(String name) {
        return createWithNetlink(name, inode -> {
        });
    }

    /**
     * As {@link #createWithNetlink(String)}, telling {@code beforeVisible} the new namespace's inode (its identity,
     * as {@code lsns} shows it) after the namespace exists and before it is bound under its name: a caller that
     * records the inode durably there always knows which namespace of that name it made, even if it is killed
     * right after. If {@code beforeVisible} throws, the namespace is never bound and vanishes; the exception
     * propagates.
     */
    public Netlink createWithNetlink(String name, java.util.function.LongConsumer beforeVisible) {
        Created c = create(name, true, beforeVisible);
        return Netlink.adopt(c.socket(), c.namespace(), true);
    }

    private record Created(NetNs namespace, NetlinkSocket socket) {
    }

    private Created create(String name, boolean withNetlink, java.util.function.LongConsumer beforeVisible) {
        String path = pathOf(name);
        prepareDirectory();
        // O_EXCL: like iproute2, refuse to mount over an existing name (EEXIST).
        FileCalls.close(FileCalls.open(path, FileCalls.O_RDONLY | FileCalls.O_CREAT | FileCalls.O_EXCL
                | FileCalls.O_CLOEXEC, 0));
        try {
            return NamespaceThreads.call(() -> {
                NamespaceCalls.unshareNet();
                String self = "/proc/self/task/" + NamespaceCalls.gettid() + "/ns/net";
                NetNs ns = NetNs.adopt(FileCalls.open(self, FileCalls.O_RDONLY | FileCalls.O_CLOEXEC), path);
                try {
                    beforeVisible.accept(ns.inode());
                    int errno = MountCalls.mount(self, path, MountCalls.MS_BIND);
                    if (errno != 0) {
                        throw new NativeException("mount(" + self + ", " + path + ", MS_BIND)", errno);
                    }
                } catch (RuntimeException e) {
                    ns.close();
                    throw e;
                }
                if (!withNetlink) {
                    return new Created(ns, null);
                }
                try {
                    return new Created(ns, NetlinkSocket.open());
                } catch (RuntimeException e) {
                    ns.close();
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            MountCalls.umount2(path, MountCalls.MNT_DETACH);
            try {
                FileCalls.unlink(path);
            } catch (NativeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Equivalent to what {@code ip netns exec NAME} opens: the namespace bound at {@code DIR/NAME}. */
    public NetNs open(String name) {
        return NetNs.open(Path.of(pathOf(name)));
    }

    /** Equivalent to: {@code ip netns list} (names only, sorted). */
    public List<String> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The identity (inode) of the namespace bound at {@code name}; empty when there is no such file, or the file is
     * not a namespace (an empty placeholder left by an {@code ip netns add} that died before its bind mount).
     * Equivalent to: {@code stat -L -c %i /run/netns/NAME}, checked to be on the nsfs.
     */
    public java.util.OptionalLong inode(String name) {
        Path p = Path.of(pathOf(name));
        try {
            java.util.Map<String, Object> st = Files.readAttributes(p, "unix:dev,ino");
            return (Long) st.get("dev") == NSFS_DEVICE ? java.util.OptionalLong.of((Long) st.get("ino"))
                    : java.util.OptionalLong.empty();
        } catch (java.nio.file.NoSuchFileException e) {
            return java.util.OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes the empty file that {@code ip netns add NAME} (or a creation here) makes before its bind mount, when a
     * crash left it there without a namespace bound on it; anything else at that name is left alone. Returns
     * whether a placeholder was removed.
     */
    public boolean removePlaceholder(String name) {
        Path p = Path.of(pathOf(name));
        try {
            java.util.Map<String, Object> st = Files.readAttributes(p, "unix:dev,size,mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            boolean regular = ((Integer) st.get("mode") & 0170000) == 0100000;
            if (!regular || (Long) st.get("dev") == NSFS_DEVICE || (Long) st.get("size") != 0 || inode(name).isPresent()) {
                return false;
            }
            Files.delete(p);
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The device number of the namespace file system, on which every bound namespace file appears. */
    private static final long NSFS_DEVICE = nsfsDevice();

    private static long nsfsDevice() {
        try {
            return (Long) Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:dev");
        } catch (IOException e) {
            return -1;
        }
    }

    public boolean exists(String name) {
        return Files.exists(Path.of(pathOf(name)));
    }

    /**
     * Equivalent to: {@code ip netns delete NAME}. The namespace disappears once nothing else holds it (open
     * descriptors, processes inside); its links go with it.
     *
     * @throws NativeException {@code unlink(...): ENOENT} if there is no such namespace
     */
    public void delete(String name) {
        String path = pathOf(name);
        // Like iproute2, ignore umount errors: a stale file that is not a mount point is still removed.
        MountCalls.umount2(path, MountCalls.MNT_DETACH);
        FileCalls.unlink(path);
    }

    /**
     * Equivalent to {@code ip netns delete} of each name that exists, much faster for many namespaces with
     * links in them; returns the names deleted, in the order given.
     *
     * <p>Every unmount waits for an expedited RCU grace period, and while the kernel tears down namespaces
     * already released (their veths, under the RTNL lock) those grace periods grow from tens of microseconds to a
     * millisecond: deleting a 1000-host star one by one spends most of its time waiting. So this first takes a
     * reference to every namespace (an open descriptor), which keeps the kernel from tearing any of them down,
     * then unmounts and unlinks them all on a few threads whose grace periods overlap, and only then lets go of
     * the references, handing the kernel the whole teardown at once (it continues in the background, as after
     * {@code ip netns delete}).
     */
    public List<String> deleteAll(List<String> names) {
        return deleteAll(names, (name, inode) -> true);
    }

    /**
     * As {@link #deleteAll(List)}, deleting a namespace only when {@code mayDelete} accepts its name and inode
     * (read from the namespace itself once it is held, so it cannot change before the deletion): a caller
     * deletes only the namespaces it made, never one that took the name since.
     */
    public List<String> deleteAll(List<String> names, java.util.function.BiPredicate<String, Long> mayDelete) {
        int[] held = new int[names.size()];
        java.util.Arrays.fill(held, -1);
        try {
            // Opening waits for nothing: one thread does it fastest.
            RuntimeException failure = Parallel.forEach(names.size(), 1, i -> {
                try {
                    held[i] = FileCalls.open(pathOf(names.get(i)), FileCalls.O_RDONLY | FileCalls.O_CLOEXEC);
                } catch (NativeException e) {
                    if (!e.is(Errno.ENOENT)) {
                        throw e;
                    }
                }
            });
            List<String> present = java.util.stream.IntStream.range(0, held.length)
                    .filter(i -> held[i] >= 0 && mayDelete.test(names.get(i), inodeOfDescriptor(held[i])))
                    .mapToObj(names::get).toList();
            if (failure == null) {
                failure = Parallel.forEach(present.size(), DELETE_THREADS, i -> delete(present.get(i)));
            }
            if (failure != null) {
                throw failure;
            }
            return present;
        } finally {
            for (int fd : held) {
                if (fd >= 0) {
                    FileCalls.close(fd);
                }
            }
        }
    }

    /** The inode of what an open descriptor refers to; -1 when it is not a namespace. */
    private static long inodeOfDescriptor(int fd) {
        try {
            java.util.Map<String, Object> st = Files.readAttributes(Path.of("/proc/self/fd/" + fd), "unix:dev,ino");
            return (Long) st.get("dev") == NSFS_DEVICE ? (Long) st.get("ino") : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Enough threads for their grace periods to overlap; they mostly wait, so more than the cores. */
    private static final int DELETE_THREADS = 8;

    /**
     * Removes a private directory made for tests or sandboxes: undoes the bind mounts that made it a shared mount
     * point, then deletes it. Refuses while namespaces remain. Do not call it on {@code /run/netns}, which other
     * programs share.
     */
    public void removeDirectory() {
        List<String> left = list();
        if (!left.isEmpty()) {
            throw new IllegalStateException(directory + " still holds namespaces " + left);
        }
        String dir = directory.toString();
        // Each process that found the directory not a mount point stacked one bind mount on it.
        while (MountCalls.umount2(dir, MountCalls.MNT_DETACH) == 0) {
            // keep unmounting
        }
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        prepared = false;
    }

    /**
     * Makes the directory a shared mount point, as iproute2 does, so that namespace bind mounts propagate to
     * mount namespaces made later (such as those of {@code ip netns exec}) and can be unmounted from them.
     */
    private synchronized void prepareDirectory() {
        if (prepared) {
            return;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String dir = directory.toString();
        boolean boundOntoItself = false;
        while (true) {
            int errno = MountCalls.mount("", dir, MountCalls.MS_SHARED | MountCalls.MS_REC);
            if (errno == 0) {
                break;
            }
            if (errno != MountCalls.EINVAL || boundOntoItself) {
                throw new NativeException("mount(" + dir + ", MS_SHARED|MS_REC)", errno);
            }
            // EINVAL: not a mount point yet. Make it one, then make it shared.
            errno = MountCalls.mount(dir, dir, MountCalls.MS_BIND | MountCalls.MS_REC);
            if (errno != 0) {
                throw new NativeException("mount(" + dir + ", " + dir + ", MS_BIND|MS_REC)", errno);
            }
            boundOntoItself = true;
        }
        prepared = true;
    }

    private String pathOf(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0 || name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("invalid namespace name: \"" + name + "\"");
        }
        return directory.resolve(name).toString();
    }

    @Override
    public String toString() {
        return "NamedNamespaces[" + directory + "]";
    }
}
