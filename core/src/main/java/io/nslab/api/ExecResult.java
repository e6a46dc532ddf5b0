package io.nslab.api;

/**
 * What a command run in a node did: its exit code and everything it wrote.
 *
 * @param exitCode the command's exit status (128 + N when signal N ended it)
 * @param stdout   its standard output, UTF-8
 * @param stderr   its standard error, UTF-8
 */
public record ExecResult(int exitCode, String stdout, String stderr) {

    /** Whether the command exited 0. */
    public boolean ok() {
        return exitCode == 0;
    }
}
