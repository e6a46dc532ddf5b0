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
 * The shell makes each tool call from the CPU the simulator serves it on (ToolServer#serveOn), and only for the length
 * of the call: seen from a program that {@code ip netns exec} runs while its caller waits, the caller is on that one
 * CPU and the program itself is not; after the call, the caller has all its CPUs again, as has a subshell that calls.
 */
class ServingCpuTest {
    static final String SCRIPT = """
            ip netns add a
            ip netns exec a grep -h Cpus_allowed_list /proc/$$/status /proc/self/status
            grep Cpus_allowed_list /proc/$$/status
            ( ip netns list >/dev/null; grep Cpus_allowed_list /proc/$BASHPID/status )
            """;

    @Test
    void aCallRunsOnTheServersCpuAndOnlyThen(@TempDir Path dir) throws Exception {
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
        assertThat(run(dir, Integer.toString(cpus.getFirst()))).isEqualTo(one + all + all + all + "[exit 0]\n");
        assertThat(run(dir, "none")).isEqualTo(all + all + all + all + "[exit 0]\n");
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
