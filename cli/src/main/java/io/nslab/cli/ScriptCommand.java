package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.InputFiles;
import io.nslab.NslabException;
import io.nslab.script.Interpreter;
import io.nslab.script.Mask;
import io.nslab.script.Output;
import io.nslab.script.Parser;
import io.nslab.sandbox.Sandbox;
import io.nslab.script.ScriptWorld;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nslab script FILE.sh [--kernel|--compare]}: an ip/route/sysctl/ping shell script on the simulator
 * (no root needed), for real with bash in a sandbox, or both with a diff of what they printed.
 */
@Command(name = "script", mixinStandardHelpOptions = true,
        description = {"Run a shell script of ip, route, sysctl, ping and traceroute commands on the simulator, whose "
                + "root namespace starts like a fresh host's (lo up, forwarding off). Syntax outside the supported "
                + "subset is refused at file:line:col before anything runs.",
            "Exit status: the script's; with --compare, 0 when both worlds printed the same, 1 when not."})
final class ScriptCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.sh", description = "The script.")
    String file;

    static final class Mode {
        @Option(names = "--kernel", description = "Run it for real with bash inside a throwaway sandbox (root).")
        boolean kernel;

        @Option(names = "--compare", description = "Run it in both worlds and print a diff of the outputs, "
                + "times, MAC addresses and interface ids masked (root).")
        boolean compare;
    }

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String source = read(file);
        Parser.parse(file, source); // refuse unsupported syntax before either world runs anything
        if (mode.kernel) {
            KernelOptions.requirePrivilege("script --kernel");
            // "--": a script named -s is a file, not bash's "read commands from stdin"
            return Sandbox.of(Path.of("").toAbsolutePath(), List.of("bash", "--", file)).readable(Path.of(file)).run();
        }
        if (mode.compare) {
            KernelOptions.requirePrivilege("script --compare");
            Sandbox.Result real = Sandbox.runScript(Path.of("").toAbsolutePath(), file);
            StringBuilder sim = new StringBuilder();
            int simStatus = Interpreter.run(new ScriptWorld(), Output.merged(sim), file, source);
            String kernelText = real.output() + "[exit " + real.status() + "]\n";
            String simText = sim + "[exit " + simStatus + "]\n";
            String diff = Mask.diff("kernel", kernelText, "simulator", simText);
            if (diff.isEmpty()) {
                out.println(file + ": no difference between the kernel and the simulator");
                return 0;
            }
            out.print(diff);
            out.flush();
            return 1;
        }
        int status = Interpreter.run(new ScriptWorld(), new Output() {
            public void out(String text) {
                out.print(text);
                out.flush();
            }

            public void err(String text) {
                out.flush();
                err.print(text);
                err.flush();
            }
        }, file, source);
        return status;
    }

    /** Scripts far longer than any setup script are refused; so is a device with no end, like /dev/zero. */
    static final int MAX_SCRIPT_BYTES = 16 * 1024 * 1024;

    static String read(String file) {
        try {
            InputFiles.Bytes bytes = InputFiles.read(Path.of(file), MAX_SCRIPT_BYTES);
            if (bytes.truncated()) {
                throw new NslabException(ExitCode.BAD_INPUT, file + ": more than " + MAX_SCRIPT_BYTES + " bytes; nslab reads scripts up to that size");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.bytes())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new NslabException(ExitCode.BAD_INPUT, file + ": not UTF-8 text");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NslabException(ExitCode.BAD_INPUT, file + ": no such file");
        } catch (IOException e) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab script: cannot read " + file + ": " + e.getMessage());
        }
    }
}
