package io.nslab.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files that mirror a script's world ({@link WorldFiles}), against the races of a real run: the script writes
 * while the watcher thread reads, and the run ends while the watcher is about to read.
 */
class WorldFilesTest {
    private static final Path IP_FORWARD = Path.of("ipv4/ip_forward");

    /**
     * The run ends (close) while the watcher thread has an event and waits for the world's lock: it must stop, not
     * read the closed inotify queue (nslab script printed "Already closed" from Inotify.drain so, at the end of the
     * nsenter corpus script).
     */
    @Test
    void closingWhileTheWatcherWaitsForTheLockEndsTheWatcherQuietly(@TempDir Path dir) throws Exception {
        ScriptWorld world = new ScriptWorld();
        List<Throwable> crashes = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> crashes.add(e));
        try (ToolServer server = new ToolServer(world, Duration.ofSeconds(1), KernelProfile.full(), ToolServer.Mirror.NONE)) {
            WorldFiles files = watched(dir, world, server);
            Thread watcher = thread("nslab-proc-sys-net");
            server.locked(() -> {
                try {
                    write(files.treeOf(ScriptWorld.ROOT).resolve(IP_FORWARD), "1\n");
                    awaitBlocked(watcher); // it has the event and wants the lock
                } catch (java.io.IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
                files.close();
                return null;
            });
            watcher.join(5_000);
            assertThat(watcher.isAlive()).as("the watcher ended").isFalse();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertThat(crashes).isEmpty();
    }

    /**
     * Once the script has ended (release), its files are no longer watched: a write to them reaches the world no
     * more, the watcher has ended, and closing afterwards is quiet. (The release comes before the clean-up, close after
     * it: a close while the instance still has watches waits for the kernel to free them.)
     */
    @Test
    void afterTheReleaseAWriteNoLongerReachesTheWorld(@TempDir Path dir) throws Exception {
        ScriptWorld world = new ScriptWorld();
        try (ToolServer server = new ToolServer(world, Duration.ofSeconds(1), KernelProfile.full(), ToolServer.Mirror.NONE)) {
            WorldFiles files = watched(dir, world, server);
            Thread watcher = thread("nslab-proc-sys-net");
            Path f = files.treeOf(ScriptWorld.ROOT).resolve(IP_FORWARD);
            write(f, "1\n"); // watched: the watcher brings it to the world
            for (int i = 0; i < 200 && !"1".equals(world.network().sysctlFiles(ScriptWorld.ROOT).get("ipv4/ip_forward")); i++) {
                Thread.sleep(10);
            }
            assertThat(world.network().sysctlFiles(ScriptWorld.ROOT)).containsEntry("ipv4/ip_forward", "1");
            long ipv4 = ((Number) Files.getAttribute(f.getParent(), "unix:ino")).longValue();
            assertThat(watchedInodes()).as("the kernel's watches of this process").contains(ipv4);

            files.release();
            assertThat(watchedInodes()).as("the kernel's watches after the release").doesNotContain(ipv4);
            assertThat(watcher.isAlive()).as("the watcher ended").isFalse();
            write(f, "0\n");
            files.beforeCall(world); // a call would read the events now: there are none
            assertThat(world.network().sysctlFiles(ScriptWorld.ROOT)).containsEntry("ipv4/ip_forward", "1");
            files.close();
        }
    }

    /**
     * A file the script is writing is empty between the truncation and the write: read then (at an event of an
     * earlier write), it is no value, and putting the old value back would overwrite the script's a moment later
     * (corpus 22 printed 0 after {@code echo 1 > /proc/sys/net/ipv4/ip_forward} so, at times).
     */
    @Test
    void aFileBeingWrittenIsNotPutBackWhileEmpty(@TempDir Path dir) throws Exception {
        ScriptWorld world = new ScriptWorld();
        try (WorldFiles files = new WorldFiles(dir.resolve("netns"), dir.resolve("sys"))) {
            Files.createDirectories(dir.resolve("netns"));
            files.bind(world, ScriptWorld.ROOT);
            Path f = files.treeOf(ScriptWorld.ROOT).resolve(IP_FORWARD);
            files.beforeCall(world); // the events of the simulator's own writes
            write(f, "0\n");
            write(f, ""); // echo's truncation, its write still to come
            files.beforeCall(world);
            assertThat(Files.readString(f)).as("left for the write in progress").isEmpty();
            write(f, "1\n");
            files.beforeCall(world);
            assertThat(world.network().sysctlFiles(ScriptWorld.ROOT)).containsEntry("ipv4/ip_forward", "1");
            assertThat(Files.readString(f)).isEqualTo("1\n");
        }
    }

    /**
     * The value the script wrote reaches the simulator, and the file that already says it is not written again: a
     * rewrite truncates it, and the script's next {@code cat} could read it empty (corpus 22 did, once in about 80
     * runs). The files the change moves with it ({@code conf/all/forwarding}) are still brought up to date.
     */
    @Test
    void theFileTheScriptWroteIsNotRewritten(@TempDir Path dir) throws Exception {
        ScriptWorld world = new ScriptWorld();
        try (WorldFiles files = new WorldFiles(dir.resolve("netns"), dir.resolve("sys"))) {
            Files.createDirectories(dir.resolve("netns"));
            files.bind(world, ScriptWorld.ROOT);
            Path tree = files.treeOf(ScriptWorld.ROOT);
            Path f = tree.resolve(IP_FORWARD);
            files.beforeCall(world);
            write(f, "1\n");
            java.nio.file.attribute.FileTime past = java.nio.file.attribute.FileTime.fromMillis(946_684_800_000L);
            Files.setLastModifiedTime(f, past);
            files.beforeCall(world);
            files.afterCall(world, null);
            assertThat(world.network().sysctlFiles(ScriptWorld.ROOT)).containsEntry("ipv4/ip_forward", "1");
            assertThat(Files.getLastModifiedTime(f)).as("ip_forward rewritten").isEqualTo(past);
            assertThat(Files.readString(tree.resolve("ipv4/conf/all/forwarding"))).isEqualTo("1\n");
        }
    }

    /**
     * A file the simulator changes (conf/all/forwarding moves with ip_forward) is replaced whole: a script reading it
     * meanwhile sees the old value or the new one, never an empty file, and no temporary name appears beside it.
     */
    @Test
    void aFileTheSimulatorChangesIsNeverSeenEmpty(@TempDir Path dir) throws Exception {
        ScriptWorld world = new ScriptWorld();
        try (WorldFiles files = new WorldFiles(dir.resolve("netns"), dir.resolve("sys"))) {
            Files.createDirectories(dir.resolve("netns"));
            files.bind(world, ScriptWorld.ROOT);
            Path tree = files.treeOf(ScriptWorld.ROOT);
            Path forwarding = tree.resolve("ipv4/conf/all/forwarding");
            List<String> seen = new CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread reader = Thread.ofPlatform().start(() -> {
                while (!done.get()) {
                    try {
                        String v = Files.readString(forwarding);
                        if (!v.equals("0\n") && !v.equals("1\n")) {
                            seen.add(v);
                        }
                    } catch (java.io.IOException e) {
                        seen.add(e.toString());
                    }
                }
            });
            try {
                for (int i = 0; i < 300; i++) {
                    files.beforeCall(world);
                    write(tree.resolve(IP_FORWARD), i % 2 == 0 ? "1\n" : "0\n");
                    files.beforeCall(world);
                    files.afterCall(world, null);
                }
            } finally {
                done.set(true);
                reader.join();
            }
            assertThat(seen).as("values read other than 0 and 1").isEmpty();
            try (var names = Files.list(forwarding.getParent())) {
                assertThat(names.map(p -> p.getFileName().toString())).doesNotContain(".staging")
                        .allMatch(n -> !n.startsWith("."));
            }
        }
    }

    /** The root's files of {@code world} under {@code dir}, watched as a script's run watches them. */
    /**
     * Where the callers make the namespaces' files (nslab script's sandbox, whose root they run as), a call that adds
     * a namespace asks its caller to make /run/netns/NAME, before its exit status, and this process makes none; a
     * change that no caller waits for (the watcher's) is still made here, as is a namespace's file where no caller
     * makes them.
     */
    @Test
    void aNamespaceAddedByACallIsItsCallersToMake(@TempDir Path dir) throws Exception {
        ScriptWorld world = new ScriptWorld();
        Path netns = Files.createDirectories(dir.resolve("netns"));
        try (WorldFiles files = new WorldFiles(netns, dir.resolve("sys"));
             ToolServer server = new ToolServer(world, Duration.ofSeconds(1), KernelProfile.full(), files)) {
            files.bind(world, ScriptWorld.ROOT);
            assertThat(frames(server.answer(call("ip", "netns", "add", "blue")))).containsExactly("x0");
            assertThat(netns.resolve("blue")).as("made here: no caller makes them yet").isRegularFile();

            files.namespaceFilesByCallers(Path.of("/run/netns"));
            assertThat(frames(server.answer(call("ip", "netns", "add", "red")))).containsExactly("m/run/netns/red", "x0");
            assertThat(netns.resolve("red")).as("the caller's to make").doesNotExist();

            world.apply(new io.nslab.op.Op.AddNamespace(io.nslab.model.NamespaceRef.named("green")));
            files.afterCall(world, null);
            assertThat(netns.resolve("green")).as("no caller waits").isRegularFile();
        }
    }

    /** One call's fields, as the builtin sends them. */
    private static List<String> call(String... argv) {
        List<String> fields = new java.util.ArrayList<>(List.of(ToolServer.MAGIC, "", "/", "t.sh", "1", Integer.toString(argv.length)));
        fields.addAll(List.of(argv));
        return fields;
    }

    /** An answer's frames, each its letter and text (x: its status). */
    private static List<String> frames(byte[] answer) {
        List<String> out = new java.util.ArrayList<>();
        for (int at = 0; at < answer.length; ) {
            char kind = (char) answer[at];
            int n = Integer.parseInt(new String(answer, at + 1, 8, java.nio.charset.StandardCharsets.US_ASCII));
            at += 9;
            if (kind == 'x') {
                out.add("x" + n);
                continue;
            }
            out.add(kind + new String(answer, at, n, java.nio.charset.StandardCharsets.UTF_8));
            at += n;
        }
        return out;
    }

    private static WorldFiles watched(Path dir, ScriptWorld world, ToolServer server) throws java.io.IOException {
        WorldFiles files = new WorldFiles(dir.resolve("netns"), dir.resolve("sys"));
        Files.createDirectories(dir.resolve("netns"));
        files.bind(world, ScriptWorld.ROOT);
        files.watch(world, server);
        return files;
    }

    /** The inodes this process's inotify instances watch, as the kernel lists them (proc(5): fdinfo's "inotify wd:"). */
    private static List<Long> watchedInodes() throws java.io.IOException {
        List<Long> inodes = new java.util.ArrayList<>();
        try (var fds = Files.list(Path.of("/proc/self/fdinfo"))) {
            for (Path fd : fds.toList()) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(fd);
                } catch (java.io.IOException e) {
                    continue; // closed meanwhile
                }
                for (String l : lines) {
                    if (l.startsWith("inotify wd:")) {
                        String ino = l.replaceAll(".* ino:([0-9a-f]+) .*", "$1");
                        inodes.add(Long.parseLong(ino, 16));
                    }
                }
            }
        }
        return inodes;
    }

    private static void write(Path f, String text) throws java.io.IOException {
        Files.writeString(f, text);
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    private static void awaitBlocked(Thread t) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (t.getState() != Thread.State.WAITING || !isLockWait(t)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the watcher never waited for the lock: " + t.getState());
            }
            Thread.sleep(5);
        }
    }

    private static boolean isLockWait(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getMethodName().equals("locked")) {
                return true;
            }
        }
        return false;
    }
}
