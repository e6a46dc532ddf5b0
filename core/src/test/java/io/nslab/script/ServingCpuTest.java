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
 * last command becomes (bash runs it without a fork) has every CPU too. Once its calls are warm, the shell moves to
 * another CPU and both sides spin (ToolServer#serve): it stays there between calls, and still forks with every CPU.
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

    static final String SPINNING = """
            ip netns add a
            for ((i = 0; i < 200; i++)); do ip netns list >/dev/null; done
            { sleep 0.3; grep Cpus_allowed_list /proc/$$/status; : > /tmp/seen; } &
            while [ ! -e /tmp/seen ]; do ip netns list >/dev/null; done
            wait
            grep Cpus_allowed_list /proc/$$/status
            ip netns exec a grep -h Cpus_allowed_list /proc/self/status
            ip netns add b
            ip -n b link set lo up
            ip netns list
            ip -n b -br link
            """;

    @Test
    void aWarmShellCallsFromAnotherCpuAndStillForksWithAllItsCpus(@TempDir Path dir) throws Exception {
        ScriptCorpusTest.assumeSandbox();
        assumeBuiltin();
        List<Integer> cpus = CpuAffinity.allowed();
        Assumptions.assumeTrue(cpus.size() >= 2, "one CPU only");
        String all = "Cpus_allowed_list:\t" + ranges(cpus) + "\n";
        String spinning = "Cpus_allowed_list:\t" + cpus.get(1) + "\n";
        String out = WithProperty.with(ScriptSimulator.SPIN_PROPERTY, "always",
                () -> run(dir, SPINNING, Integer.toString(cpus.getFirst())));
        assertThat(out).isEqualTo(spinning + all + all + "b\na\nlo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n"
                + "[exit 0]\n");
    }

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
        // never asked to spin: the calls of the loop below may or may not be warm
        WithProperty.with(ScriptSimulator.SPIN_PROPERTY, "false", () -> {
            assertThat(run(dir, SCRIPT, Integer.toString(cpus.getFirst()))).isEqualTo(all + all + all + all + all + one + all + "[exit 0]\n");
            assertThat(run(dir, SCRIPT, "none")).isEqualTo(all + all + all + all + all + all + all + "[exit 0]\n");
            return null;
        });
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

    private static String run(Path dir, String script, String cpu) {
        try {
            Files.writeString(dir.resolve("cpu.sh"), script);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return WithProperty.with(ScriptSimulator.CPU_PROPERTY, cpu, () -> ScriptRun.transcript(
                ScriptRun.simulate(dir, "cpu.sh", ScriptCorpusTest.SETTINGS, ScriptRun.Io.CAPTURE, "-"), ScriptCorpusTest.SETTINGS));
    }
}
