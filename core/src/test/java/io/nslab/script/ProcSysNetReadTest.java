package io.nslab.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A script that writes one /proc/sys/net file and at once reads another that the write changes, as a tutorial does
 * ({@code echo 1 > ip_forward; cat conf/all/forwarding}), reads what the kernel would show, also while the machine is
 * busy: the simulator hears of the write from inotify, and a cat waits for it to catch up.
 */
class ProcSysNetReadTest {

    @Test
    void catAfterAWriteSeesTheFilesItChanged(@TempDir Path dir) throws Exception {
        ScriptCorpusTest.assumeSandbox();
        // three busy loops on a two-core machine: the simulator's inotify thread waits for a core, as under CI's load
        Files.writeString(dir.resolve("toggle.sh"), """
                for i in 1 2 3; do while :; do :; done & done
                for i in $(seq 1 200); do
                  echo $((i % 2)) > /proc/sys/net/ipv4/ip_forward
                  cat /proc/sys/net/ipv4/conf/all/forwarding
                done | uniq -c | awk '{print $2}' | tr -d '\\n'
                echo
                kill $(jobs -p)
                """);
        // the sandbox drops root for a user of its own, which must be able to read the script
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String out = ScriptRun.transcript(ScriptRun.simulate(dir, "toggle.sh", ScriptCorpusTest.SETTINGS, ScriptRun.Io.CAPTURE, "-"),
                ScriptCorpusTest.SETTINGS);
        // each of the 200 reads differs from the one before it: uniq -c keeps 200 lines, alternately 1 and 0
        assertThat(out).isEqualTo("10".repeat(100) + "\n[exit 0]\n");
    }
}
