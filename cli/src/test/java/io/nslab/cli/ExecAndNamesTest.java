package io.nslab.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where you are, said: up prints the namespace names (vm-host's node vm is namespace vm-host-vm, which nobody
 * guesses), exec runs in several nodes or all, its shell's prompt names the node and the lab, and a mistyped node
 * gets the closest name and the lab's nodes.
 */
class ExecAndNamesTest extends KernelWorld {
    @Test
    void upPrintsTheNamespaceNames() {
        CliRun prefixed = CliRun.of(kernel.args("up", "../examples/vm-host.yaml"));
        assertThat(prefixed.exitCode()).as(prefixed.err()).isZero();
        assertThat(prefixed.out()).contains("\nnamespaces (ip netns): vm-host-vm (node vm), vm-host-gw (node gw), vm-host-host (node host)\n");
        CliRun plain = CliRun.of(kernel.args("up", "../examples/seed.yaml"));
        assertThat(plain.out()).contains("\nnamespaces (ip netns): ns1, router, ns2\n");
    }

    /** Was: "no running lab has a node "ns3"" and nothing more, while seed ran. */
    @Test
    void aMistypedNodeGetsTheClosestNameAndTheLabsNodes() {
        assertThat(CliRun.of(kernel.args("up", "../examples/seed.yaml")).exitCode()).isZero();
        for (String command : List.of("ping", "trace")) {
            CliRun run = CliRun.of(kernel.args(command, "ns3", "ns2"));
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).as(command).isEqualTo("no running lab has a node \"ns3\" (did you mean \"ns1\"?); running: seed (nodes ns1, router, ns2)\n");
        }
        CliRun exec = CliRun.of(kernel.args("exec", "ns3"));
        assertThat(exec.err()).isEqualTo("no running lab has a node \"ns3\" (did you mean \"ns1\"?); running: seed (nodes ns1, router, ns2)\n");
        CliRun inList = CliRun.of(kernel.args("exec", "ns1,rooter"));
        assertThat(inList.exitCode()).isEqualTo(2);
        assertThat(inList.err()).isEqualTo("lab seed has no node \"rooter\" (did you mean \"router\"?); its nodes: ns1, router, ns2\n");
    }

    @Test
    void execRunsInSeveralNodesOrAll() throws Exception {
        assertThat(CliRun.of(kernel.args("up", "../examples/seed.yaml")).exitCode()).isZero();
        Result all = exec(List.of("--all", "--", "sh", "-c", "cat /proc/sys/net/ipv4/ip_forward; echo $NSLAB_LAB:$NSLAB_NODE"), null);
        assertThat(all.exit()).isZero();
        assertThat(all.out()).isEqualTo("""
                --- ns1 (lab seed, netns ns1)
                0
                seed:ns1
                --- router (lab seed, netns router)
                1
                seed:router
                --- ns2 (lab seed, netns ns2)
                0
                seed:ns2
                """);
        Result two = exec(List.of("ns1,ns2", "--", "sh", "-c", "test $NSLAB_NODE = ns1"), null);
        assertThat(two.exit()).as("the highest of the nodes' statuses").isEqualTo(1);
        assertThat(two.out()).isEqualTo("--- ns1 (lab seed, netns ns1)\n--- ns2 (lab seed, netns ns2)\n");
    }

    /** The shell of exec kept the host's prompt: now it says (nslab seed:router), after the user's own. */
    @Test
    void theShellsPromptNamesTheNodeAndTheLab() throws Exception {
        assertThat(CliRun.of(kernel.args("up", "../examples/seed.yaml")).exitCode()).isZero();
        Result bash = exec(List.of("router"), "echo inside $NSLAB_NODE\nexit\n");
        assertThat(bash.out()).contains("inside router");
        assertThat(bash.err()).as("bash -i prints its prompt on stderr").contains("(nslab seed:router) ");
    }

    @Test
    void theSandboxsShellSaysItIsTheSandbox() throws Exception {
        Path out = tmp.resolve("sandbox.out");
        ProcessBuilder pb = new ProcessBuilder(CliProcess.command("sandbox")).redirectOutput(out.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(write("exit\n").toFile()));
        pb.environment().put("SHELL", "/bin/bash");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(out)).contains("(nslab sandbox) ");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result exec(List<String> args, String stdin) throws Exception {
        List<String> all = new ArrayList<>(List.of("exec"));
        all.addAll(List.of(kernel.options));
        all.addAll(args);
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        ProcessBuilder pb = new ProcessBuilder(CliProcess.command(all.toArray(new String[0]))).redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                        : ProcessBuilder.Redirect.from(write(stdin).toFile()));
        pb.environment().put("SHELL", "/bin/bash");
        pb.environment().put("HOME", tmp.toString()); // no ~/.bashrc of the machine's
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path write(String text) throws IOException {
        Path f = Files.createTempFile(tmp, "stdin", ".txt");
        Files.writeString(f, text);
        return f;
    }
}
