package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nslab man [COMMAND]} prints a man page, {@code nslab man --install DIR} writes them all under DIR/man1; both
 * are made from the commands themselves (picocli's model), as the completion scripts are.
 */
@Command(name = "man", mixinStandardHelpOptions = true,
        description = {"Print nslab's man page, or a command's (troff: read it with `nslab man up | man -l -`), or install "
                + "them all with --install DIR: DIR/man1/nslab.1 and nslab-COMMAND.1 for each command.",
            "For every user:  sudo nslab man --install /usr/local/share/man   (then: man nslab-up)",
            "For you alone:   nslab man --install ~/.local/share/man"})
final class ManCommand implements Callable<Integer> {

    @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "The command whose page to print (default: nslab's own).")
    String command;

    @Option(names = "--install", paramLabel = "DIR", description = "Write every page under DIR/man1 (made if missing), "
            + "replacing older ones, and print their paths.")
    Path install;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLine root = Main.commandLine(); // every command, whichever this run made
        String version = "nslab " + String.join(" ", root.getCommandSpec().version()).replaceFirst("^nslab ", "");
        PrintWriter out = spec.commandLine().getOut();
        List<String> commands = ManPages.commands(root);
        if (install != null) {
            if (command != null) {
                throw new NslabException(ExitCode.BAD_INPUT, "nslab man: --install writes every page; name no command");
            }
            Path dir = install.resolve("man" + ManPages.SECTION);
            Files.createDirectories(dir);
            Path main = dir.resolve("nslab." + ManPages.SECTION);
            Files.writeString(main, ManPages.main(root, version));
            out.println(main);
            for (String c : commands) {
                Path page = dir.resolve("nslab-" + c + "." + ManPages.SECTION);
                Files.writeString(page, ManPages.command(c, root.getSubcommands().get(c), version));
                out.println(page);
            }
            out.flush();
            return 0;
        }
        if (command == null) {
            out.print(ManPages.main(root, version));
        } else if (commands.contains(command)) {
            out.print(ManPages.command(command, root.getSubcommands().get(command), version));
        } else {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab man: no command \"" + command + "\"; the commands: "
                    + String.join(", ", commands));
        }
        out.flush();
        return 0;
    }
}
