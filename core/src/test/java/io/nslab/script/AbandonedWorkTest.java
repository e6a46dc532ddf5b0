package io.nslab.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nslab script's work directories (on a file system in memory, outside the sandbox) that a killed nslab left:
 * the next run removes them, and only them. A directory is abandoned when no process holds its lock, in whatever
 * PID namespace that process runs; one whose lock a live process holds stays, as does this process's own.
 */
class AbandonedWorkTest {
    @TempDir
    Path memory;

    private Path work(String name, boolean withLock) throws IOException {
        Path w = Files.createDirectories(memory.resolve(name).resolve("tools/sys/root"));
        Files.writeString(w.resolve("ip_forward"), "0\n");
        w = memory.resolve(name);
        if (withLock) {
            Files.createFile(w.resolve(ScriptSimulator.LOCK));
        }
        return w;
    }

    @Test
    void aDirectoryNoProcessHoldsIsRemovedAndALiveOneStays() throws Exception {
        Path abandoned = work(ScriptSimulator.PREFIX + "999999-1", true);
        Path live = work(ScriptSimulator.PREFIX + "999998-2", true);
        Path own = work(ScriptSimulator.PREFIX + ProcessHandle.current().pid() + "-3", true);
        Path fresh = work(ScriptSimulator.PREFIX + "999997-4", false); // killed before its lock: spared a minute
        Path other = Files.createDirectory(memory.resolve("not-nslabs"));
        Path outside = Files.createDirectory(memory.resolve("outside"));
        Files.writeString(outside.resolve("canary"), "untouched\n");
        Files.createSymbolicLink(abandoned.resolve("tools/link"), outside);
        Files.createSymbolicLink(memory.resolve(ScriptSimulator.PREFIX + "999996-5"), outside);
        // another process holds live's lock (fcntl, as FileChannel.lock takes it)
        Path holder = memory.resolve("Holder.java");
        Files.writeString(holder, """
                public class Holder {
                    public static void main(String[] a) throws Exception {
                        var ch = java.nio.channels.FileChannel.open(java.nio.file.Path.of(a[0]), java.nio.file.StandardOpenOption.WRITE);
                        ch.lock();
                        System.out.println("locked");
                        System.out.flush();
                        System.in.read();
                    }
                }
                """);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), holder.toString(),
                live.resolve(ScriptSimulator.LOCK).toString()).redirectErrorStream(true).start();
        try {
            assertThat(new String(p.getInputStream().readNBytes(7))).isEqualTo("locked\n");
            ScriptSimulator.removeAbandoned(memory);
            assertThat(abandoned).doesNotExist();
            assertThat(live).isDirectory();
            assertThat(own).isDirectory();
            assertThat(fresh).isDirectory();
            assertThat(other).isDirectory();
            assertThat(outside.resolve("canary")).hasContent("untouched");
            assertThat(memory.resolve(ScriptSimulator.PREFIX + "999996-5")).isSymbolicLink();
        } finally {
            p.getOutputStream().close();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        ScriptSimulator.removeAbandoned(memory);
        assertThat(live).as("its holder gone").doesNotExist();
        try (var s = Files.list(memory)) {
            assertThat(s.map(x -> x.getFileName().toString()).sorted().toList()).containsAll(List.of("not-nslabs", "outside"));
        }
    }
}
