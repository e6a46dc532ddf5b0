package io.nslab.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/**
 * {@code nslab completion bash|zsh|fish}: the shell completion script, generated from the commands themselves (picocli's
 * model), so it never lags behind them. zsh runs the bash script through its bashcompinit; fish gets its own.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for nslab's commands and options.",
            "bash:  source <(nslab completion bash)    (or save it to /etc/bash_completion.d/nslab)",
            "zsh:   autoload -U +X bashcompinit && bashcompinit && source <(nslab completion zsh)",
            "fish:  nslab completion fish > ~/.config/fish/completions/nslab.fish"})
final class CompletionCommand implements Callable<Integer> {

    enum Shell {
        bash, zsh, fish
    }

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // the whole command, whichever subcommand this run made
        String script = switch (shell) {
            case bash, zsh -> AutoComplete.bash("nslab", Main.commandLine());
            case fish -> FishCompletion.script("nslab", Main.commandLine());
        };
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
