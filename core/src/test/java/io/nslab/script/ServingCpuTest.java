package io.nslab.script;

import io.nslab.netlink.CpuAffinity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The script's shell makes its tool calls from the CPU the simulator serves it on (ToolServer#serveOn) and stays there
 * between calls: seen from a process it started before, while it makes calls, it is on that one CPU. Before it forks
 * it gives its CPUs back, so that a program {@code ip netns exec} runs, any other program and the shell while they
 * run all have every CPU; a subshell or a {@code bash -c} that calls moves back after each call, and the program its
 * last command becomes (bash runs it without a fork) has every CPU too.
 */
class ServingCpuTest {
    static final String SCRIPT = """
            ip netns add a
            ip netns exec a grep -h Cpus_allowed_list /proc/$$/status /proc/self/status
            grep Cpus_allowed_list /proc/$$/status
            ( ip netns list >/dev/null; grep Cpus_allowed_list /proc/$BASHPID/status )
            bash -c 'ip netns list >/dev/null; ip netns list >/dev/null; grep Cpus_allowed_list /proc/$$/status'
            { sleep 0.3; grep Cpus_allowed_list /proc/$$/status; : > /tmp/seen; } &
            while [ ! -e /tmp/seen ]; do ip netns list >/dev/null; done
            wait
            grep Cpus_allowed_list /proc/$$/status
            """;

    @Test
    void theShellCallsFromTheServersCpuAndForksWithAllItsCpus(@TempDir Path dir) throws Exception {
        ScriptCorpusTest.assumeSandbox();
        assumeBuiltin();
        List<Integer> cpus = CpuAffinity.allowed();
        if (cpus.size() < 2) {
            String why = "one CPU only: there is no other to keep the calls from";
            System.out.println("ServingCpuTest skipped: " + why);
            Assumptions.abort(why);
        }
        String all = "Cpus_allowed_list:\t" + ranges(cpus) + "\n";
        String one = "Cpus_allowed_list:\t" + cpus.getFirst() + "\n";
        assertThat(run(dir, Integer.toString(cpus.getFirst()))).isEqualTo(all + all + all + all + all + one + all + "[exit 0]\n");
        assertThat(run(dir, "none")).isEqualTo(all + all + all + all + all + all + all + "[exit 0]\n");
    }

    @Test
    void byDefaultTheHighestCpuServes() {
        List<Integer> cpus = CpuAffinity.allowed();
        WithProperty.with(ScriptSimulator.CPU_PROPERTY, null, () -> {
            if (cpus.size() > 1) {
                assertThat(ScriptSimulator.servingCpu()).hasValue(cpus.getLast());
            } else {
                assertThat(ScriptSimulator.servingCpu()).isEmpty();
            }
            return null;
        });
    }

    static void assumeBuiltin() {
        if (ToolFiles.class.getResource(ToolFiles.BUILTIN) == null) {
            String why = "nslab-tools.so was not built (gcc or bash's headers missing): the functions never pin";
            System.out.println("ServingCpuTest skipped: " + why);
            Assumptions.abort(why);
        }
    }

    /** The kernel's list form: 0-3,6. */
    private static String ranges(List<Integer> cpus) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cpus.size(); i++) {
            int start = cpus.get(i);
            while (i + 1 < cpus.size() && cpus.get(i + 1) == cpus.get(i) + 1) {
                i++;
            }
            sb.append(sb.isEmpty() ? "" : ",").append(start).append(cpus.get(i) > start ? "-" + cpus.get(i) : "");
        }
        return sb.toString();
    }

    private static String run(Path dir, String cpu) throws Exception {
        Files.writeString(dir.resolve("cpu.sh"), SCRIPT);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return WithProperty.with(ScriptSimulator.CPU_PROPERTY, cpu, () -> ScriptRun.transcript(
                ScriptRun.simulate(dir, "cpu.sh", ScriptCorpusTest.SETTINGS, ScriptRun.Io.CAPTURE, "-"), ScriptCorpusTest.SETTINGS));
    }
}
