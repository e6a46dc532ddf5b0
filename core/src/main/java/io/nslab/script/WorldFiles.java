package io.nslab.script;

import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;
import io.nslab.op.OpException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a script's sandbox that show the simulated world, kept in step with it around each tool call:
 * <ul>
 *   <li>{@code /run/netns/NAME}, an empty file for each named namespace, as {@code ip netns add} leaves one (made by
 *       the call's caller where it can: {@link #namespaceFilesByCallers});</li>
 *   <li>a /proc/sys/net tree for each namespace a shell is bound to (the root's from the start, a named one's
 *       once {@code ip netns exec} runs a program there), mounted there by the prelude and {@code enter}: what
 *       the script writes to them ({@code echo 1 > /proc/sys/net/ipv4/ip_forward}) reaches the simulator before
 *       the next tool call, and what the simulator changes is written back after each call.</li>
 * </ul>
 * A file holds only what the simulator models; a value the simulator refuses is put back.
 */
final class WorldFiles implements ToolServer.Mirror, AutoCloseable {
    private final Path sysDir;
    private final UntrustedDir netnsFiles;
    private final UntrustedDir sysFiles;
    private final Inotify inotify = new Inotify();
    private final Map<NamespaceRef, Tree> trees = new LinkedHashMap<>();
    private final Map<Integer, Watched> watches = new HashMap<>();

    /** A materialised tree: its directory and the values last written to it, by path below it. */
    private static final class Tree {
        final NamespaceRef netns;
        /** Below the trees' directory: {@code root} or {@code netns/NAME}. */
        final String dir;
        final Map<String, String> written = new HashMap<>();
        final Map<String, Integer> dirWatches = new HashMap<>();
        long seen = -1;

        Tree(NamespaceRef netns, String dir) {
            this.netns = netns;
            this.dir = dir;
        }

        NamespaceRef netns() {
            return netns;
        }

        /** A file's path below the trees' directory. */
        String file(String rel) {
            return rel.isEmpty() ? dir : dir + "/" + rel;
        }

        Map<String, String> written() {
            return written;
        }

        Map<String, Integer> dirWatches() {
            return dirWatches;
        }
    }

    private record Watched(Tree tree, String relDir) {
    }

    /**
     * Files that the simulator's JVM keeps inside the sandbox with it, made in a staging directory beside the trees.
     *
     * @param netnsDir where named namespaces appear as files ({@code /run/netns})
     * @param sysDir   where the trees are made: {@code root}, and {@code netns/NAME} for named namespaces
     */
    WorldFiles(Path netnsDir, Path sysDir) throws IOException {
        this(netnsDir, sysDir, sysDir.resolveSibling(sysDir.getFileName() + ".staging"), -1);
    }

    /**
     * Files that a sandbox shows and may change under this process (see {@link UntrustedDir}).
     *
     * @param staging where files are made before they are renamed into place: a directory the sandbox does not show,
     *                on the file system of the other two
     * @param owner   the uid (and gid) the files get, the sandbox's root's, or -1 to leave them this process's
     */
    WorldFiles(Path netnsDir, Path sysDir, Path staging, int owner) throws IOException {
        this.sysDir = sysDir;
        this.netnsFiles = new UntrustedDir(netnsDir, staging, owner);
        this.sysFiles = new UntrustedDir(sysDir, staging, owner);
    }

    /** The directory of a namespace's tree. */
    Path treeOf(NamespaceRef netns) {
        return sysDir.resolve(relativeTree(netns));
    }

    private static String relativeTree(NamespaceRef netns) {
        return netns instanceof NamespaceRef.Named n ? "netns/" + n.name() : "root";
    }

    /** Where the callers see the namespaces' files, once they make them ({@link #namespaceFilesByCallers}); or null. */
    private Path netnsInside;

    /**
     * From now on a call that adds a namespace asks its caller to make the namespace's file, at {@code inside}/NAME
     * ({@link ToolServer.Frames#make}): the caller runs as the sandbox's root, so the file is that root's without a
     * chown, and this process makes no native call for it. The directory must be writable by the sandbox's root.
     */
    void namespaceFilesByCallers(Path inside) {
        this.netnsInside = inside;
    }

    @Override
    public void bind(ScriptWorld world, NamespaceRef netns) {
        if (!trees.containsKey(netns) && world.exists(netns)) {
            Tree t = new Tree(netns, relativeTree(netns));
            trees.put(netns, t);
            t.seen = world.versionOf(netns);
            write(t, world.network().sysctlFiles(netns));
        }
    }

    @Override
    public void beforeCall(ScriptWorld world) {
        for (Inotify.Event e : inotify.drain()) {
            if (e.overflow()) {
                trees.values().forEach(t -> t.written().keySet().forEach(f -> readBack(world, t, f)));
                continue;
            }
            Watched w = watches.get(e.watch());
            if (w != null && !e.name().isEmpty()) {
                readBack(world, w.tree(), w.relDir().isEmpty() ? e.name() : w.relDir() + "/" + e.name());
            }
        }
    }

    /** A file the script wrote: its value goes to the simulator, or the simulator's goes back into it. */
    private void readBack(ScriptWorld world, Tree t, String rel) {
        String before = t.written().get(rel);
        if (before == null) {
            return;
        }
        String now;
        try {
            now = sysFiles.read(t.file(rel)).strip();
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            now = "";
        }
        // empty: read between a write's truncation and its text (at the event of an earlier write); the write's
        // own event comes, and putting the value back now would overwrite the script's a moment later
        if (now.isEmpty() || now.equals(before) || !world.exists(t.netns())) {
            return;
        }
        try {
            world.apply(new Op.SetSysctl(t.netns(), "net/" + rel, now));
            // the file already says it: rewriting it would truncate it under the script's next `cat` (corpus 22 read
            // an empty ip_forward right after `echo 1 >` once in about 80 runs)
            t.written().put(rel, now);
        } catch (OpException e) {
            put(t, rel, before); // as a write error would have left it
        }
    }

    @Override
    public void afterCall(ScriptWorld world, ToolServer.Frames answer) {
        for (ScriptWorld.NamespaceChange c : world.drainNamespaceChanges()) {
            String f = c.netns().name();
            try {
                if (c.added() && netnsInside != null && answer != null && !answer.handsOff()) {
                    answer.make(netnsInside.resolve(f).toString());
                } else if (c.added()) {
                    netnsFiles.write(f, "", "r--r--r--"); // in place of whatever the script put there
                } else {
                    netnsFiles.delete(f);
                    Tree gone = trees.remove(c.netns());
                    if (gone != null) {
                        forget(gone);
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                // the script removed or replaced the file itself; the simulator's namespace is what counts
            }
        }
        for (Tree t : trees.values()) {
            long v = world.versionOf(t.netns());
            if (v != t.seen && world.exists(t.netns())) {
                t.seen = v;
                write(t, world.network().sysctlFiles(t.netns()));
            }
        }
    }

    /** Brings a tree to {@code files}: new and changed values written, devices that went removed. */
    private void write(Tree t, Map<String, String> files) {
        for (var e : files.entrySet()) {
            if (!e.getValue().equals(t.written().get(e.getKey()))) {
                put(t, e.getKey(), e.getValue());
            }
        }
        for (String gone : t.written().keySet().stream().filter(k -> !files.containsKey(k)).toList()) {
            t.written().remove(gone);
            try {
                sysFiles.delete(t.file(gone));
                int slash = gone.lastIndexOf('/');
                String relDir = slash < 0 ? "" : gone.substring(0, slash);
                if (!relDir.isEmpty() && sysFiles.deleteIfEmpty(t.file(relDir))) {
                    Integer wd = t.dirWatches().remove(relDir);
                    if (wd != null) {
                        watches.remove(wd);
                        inotify.unwatch(wd);
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                // left as it is
            }
        }
    }

    private void put(Tree t, String rel, String value) {
        try {
            int slash = rel.lastIndexOf('/');
            String relDir = slash < 0 ? "" : rel.substring(0, slash);
            if (!t.dirWatches().containsKey(relDir)) {
                sysFiles.makeDirectories(t.file(relDir));
                int wd = inotify.watch(sysDir.resolve(t.file(relDir)));
                t.dirWatches().put(relDir, wd);
                watches.put(wd, new Watched(t, relDir));
            }
            // Made in the staging directory and renamed over the file: a `cat` of the script never reads it half
            // written (a write in place truncates first), no temporary name shows in the script's /proc/sys/net, and a
            // rename is no IN_CLOSE_WRITE, so the watcher does not take the simulator's own value for the script's.
            // A link the script made is replaced, never written through.
            t.written().put(rel, value);
            sysFiles.write(t.file(rel), value + "\n", "rw-r--r--");
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // the script made the file unwritable; its value stays what the simulator says
        }
    }

    private void forget(Tree t) {
        for (int wd : t.dirWatches().values()) {
            watches.remove(wd);
            inotify.unwatch(wd);
        }
        // the tree stays while a shell bound to the namespace may still have it mounted; its files go
        for (String f : t.written().keySet()) {
            try {
                sysFiles.delete(t.file(f));
            } catch (IOException | IllegalArgumentException e) {
                // left
            }
        }
        t.dirWatches().keySet().stream().filter(d -> !d.isEmpty()).sorted(Comparator.comparing(String::length).reversed())
                .forEach(d -> {
                    try {
                        sysFiles.deleteIfEmpty(t.file(d));
                    } catch (IOException | IllegalArgumentException e) {
                        // left
                    }
                });
    }

    /**
     * Keeps the files in step while no tool is called: what the script writes ({@code echo 1 >
     * /proc/sys/net/ipv4/ip_forward}) reaches the simulator as soon as the write ends, and the files it changes
     * ({@code conf/all/forwarding}) are rewritten, before the script's next command can read them in all but a
     * starved machine; a tool call catches up first in any case.
     */
    void watch(ScriptWorld world, ToolServer server) {
        this.server = server;
        watcher = Thread.ofPlatform().daemon().name("nslab-proc-sys-net").start(() -> {
            // the first event would otherwise wait for the native calls to be linked and the classes loaded
            inotify.await(0);
            server.locked(() -> {
                if (closed) {
                    return null;
                }
                beforeCall(world);
                trees.values().forEach(t -> t.written().keySet().stream().findFirst().ifPresent(f -> readBack(world, t, f)));
                afterCall(world, null);
                return null;
            });
            while (!closed && !closing) {
                if (inotify.await(1000)) {
                    server.locked(() -> {
                        if (!closed) { // the run may have ended while this thread waited for the lock
                            beforeCall(world);
                            afterCall(world, null);
                        }
                        return null;
                    });
                }
            }
        });
    }

    private volatile boolean closed;
    private ToolServer server;
    private Thread watcher;
    /** Set before the watcher is woken for the last time: it ends instead of waiting again. */
    private volatile boolean closing;

    /**
     * Once the script has ended: no file is watched any more, and the watcher ends. The kernel frees the watches in
     * the background; a close of the inotify instance while it still has them waits for that (10-20 ms here), so
     * this comes first and {@link #close} after the rest of the clean-up.
     */
    void release() {
        stopWatcher();
        underLock(this::unwatchAll);
    }

    /** Runs {@code body} under the server's lock, where the files are served (see {@link #watch}). */
    private void underLock(Runnable body) {
        if (server != null) {
            server.locked(() -> {
                body.run();
                return null;
            });
        } else {
            body.run();
        }
    }

    private void unwatchAll() {
        if (!closed) {
            watches.keySet().forEach(inotify::unwatch);
            watches.clear();
            trees.values().forEach(t -> t.dirWatches().clear());
        }
    }

    private void stopWatcher() {
        if (watcher != null) {
            // out of its poll first: the JVM's exit waits 300 ms for a thread in native code
            closing = true;
            inotify.wake();
            try {
                watcher.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Under the world's lock when the watcher runs: the watcher checks {@link #closed} under it before it reads the
     * queue, so it never reads a closed one. (A poll on the closed descriptor returns at once, or within its second.)
     */
    @Override
    public void close() {
        stopWatcher();
        underLock(this::closeNow);
    }

    private void closeNow() {
        if (!closed) {
            closed = true;
            inotify.close();
            try {
                netnsFiles.close();
                sysFiles.close();
            } catch (IOException e) {
                // closed as far as it goes
            }
        }
    }
}
