package io.nslab.script;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tools as a bash loadable builtin (nslab-tools.so, built where gcc and bash's headers exist) and as bash functions
 * (tools.bash, everywhere) print the same transcript: output, errors, statuses, standard input handed to a tool,
 * {@code ip netns exec} of a program, a subshell's own connection, {@code set -x} and {@code set -e}, and the namespace's
 * file that the caller makes.
 */
class ScriptBuiltinTest {
    /** Traced where no pipeline runs: the trace lines of a pipeline's parts come in either order. */
    static final String SCRIPT = """
            set -x
            ip netns add a
            ip -n a link add v1 type veth peer name v2
            ip -n a addr add 10.0.0.1/24 dev v1
            ip -n a link set v1 up
            ip -n a -br addr show v1
            ip link add dev
            echo "status $?"
            set +x
            printf '*filter\\n:INPUT DROP [0:0]\\nCOMMIT\\n' | ip netns exec a iptables-restore
            ip netns exec a bash -c 'ip -br link show v2; ip -br link show v1 | wc -l'
            echo "namespaces $(ip netns list | wc -l)"
            stat -c '%A %U %s %n' /run/netns/*
            echo 'netns list' | xargs ip
            set -x
            ip netns exec a iptables -S INPUT
            ( ip -n a route )
            ip -all netns exec ip -br link show lo
            f() { ip -n a link show nothere; }
            f || echo "f failed $?"
            set -e
            ip route add 10.9.0.0/16 dev nothere
            echo not reached
            """;

    @Test
    void builtinAndFunctionsPrintTheSameTranscript(@TempDir Path dir) throws Exception {
        ScriptCorpusTest.assumeSandbox();
        if (ToolFiles.class.getResource(ToolFiles.BUILTIN) == null) {
            String why = "nslab-tools.so was not built (gcc or bash's headers missing): only the functions serve";
            System.out.println("ScriptBuiltinTest skipped: " + why);
            Assumptions.abort(why);
        }
        Files.writeString(dir.resolve("tools.sh"), SCRIPT);
        Files.writeString(dir.resolve("kind.sh"), "type -t ip nft\nbash -c 'type -t iptables-restore'\n");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(run(dir, "kind.sh", true)).isEqualTo("builtin\nbuiltin\nbuiltin\n[exit 0]\n");
        assertThat(run(dir, "kind.sh", false)).isEqualTo("function\nfunction\nfunction\n[exit 0]\n");
        String builtin = run(dir, "tools.sh", true);
        assertThat(builtin).contains("+ ip netns add a\n", "v1@v2            LOWERLAYERDOWN 10.0.0.1/24 \n",
                "\"type\" argument is required\n", "status 255\n", "-P INPUT DROP\n", "v2@v1            DOWN", "\n1\n",
                "namespaces 1\n-r--r--r-- root 0 /run/netns/a\na\n", "+ ip -n a route\n10.0.0.0/24 dev v1", "\nnetns: a\nlo ", "f failed 1\n",
                "+ ip route add 10.9.0.0/16 dev nothere\nCannot find device \"nothere\"\n[exit 1]\n").doesNotContain("not reached");
        assertThat(builtin).isEqualTo(run(dir, "tools.sh", false));
    }

    private static String run(Path dir, String script, boolean builtin) {
        return WithProperty.with(ToolFiles.BUILTIN_PROPERTY, Boolean.toString(builtin), () -> ScriptRun.transcript(
                ScriptRun.simulate(dir, script, ScriptCorpusTest.SETTINGS, ScriptRun.Io.CAPTURE, "-"), ScriptCorpusTest.SETTINGS));
    }
}
