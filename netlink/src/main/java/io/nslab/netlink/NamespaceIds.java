package io.nslab.netlink;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Namespace ids: the 64-bit numbers the kernel gives every namespace when it is made (not the inode), which it
 * compares to refuse a bind mount of a mount namespace that could loop: a mount namespace can be bound only from a
 * mount namespace with a smaller id. Since Linux 6.18 the ids come from per-CPU batches (a namespace made on one
 * CPU can get a smaller id than one made earlier on another), so a caller that must make a mount namespace newer
 * than its own asks here which CPU hands out large enough ids.
 */
public final class NamespaceIds {
    private NamespaceIds() {
    }

    /**
     * The id of the namespace at {@code nsFile} ({@code /proc/PID/ns/mnt}, a bind-mounted namespace file): empty
     * where the kernel does not tell (before 6.18 for kinds other than mount, before 6.9 for mount namespaces,
     * whose ids then grew with every one made).
     */
    public static OptionalLong of(Path nsFile) {
        int fd;
        try {
            fd = FileCalls.open(nsFile.toString(), FileCalls.O_RDONLY | FileCalls.O_CLOEXEC);
        } catch (NativeException e) {
            return OptionalLong.empty();
        }
        try {
            try {
                return OptionalLong.of(NamespaceIdCalls.ioctlId(fd, NamespaceIdCalls.NS_GET_ID, nsFile.toString()));
            } catch (NativeException e) {
                return OptionalLong.of(NamespaceIdCalls.ioctlId(fd, NamespaceIdCalls.NS_GET_MNTNS_ID, nsFile.toString()));
            }
        } catch (NativeException e) {
            return OptionalLong.empty();
        } finally {
            FileCalls.close(fd);
        }
    }

    /**
     * The id of a namespace made on {@code cpu} now: a UTS namespace, made and let go by a platform thread of its
     * own pinned to that CPU. Ids handed out on one CPU only grow, so any namespace made there later gets a larger
     * one. Empty where the kernel does not tell ids.
     */
    public static OptionalLong probe(int cpu) {
        return probeUntil(cpu, Long.MIN_VALUE, 1);
    }

    /**
     * Like {@link #probe}, again and again on the same thread (at most {@code maxTries} namespaces) until the id is
     * above {@code above}: each namespace made uses one id of the CPU's batch, and a used-up batch is followed by a
     * newer one than any other CPU had. Returns the last id (empty where the kernel does not tell ids).
     */
    public static OptionalLong probeUntil(int cpu, long above, int maxTries) {
        CompletableFuture<OptionalLong> result = new CompletableFuture<>();
        // a thread of its own: it leaves its CPU set and UTS namespace changed, and ends with them
        Thread.ofPlatform().daemon().name("nslab-nsid-probe").start(() -> {
            try {
                CpuAffinity.pin(cpu);
                OptionalLong id = OptionalLong.empty();
                for (int i = 0; i < maxTries && (i == 0 || id.isPresent() && id.getAsLong() <= above); i++) {
                    NamespaceIdCalls.unshareUts();
                    id = of(Path.of("/proc/thread-self/ns/uts"));
                }
                result.complete(id);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
