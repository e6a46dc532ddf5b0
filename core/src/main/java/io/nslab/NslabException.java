package io.nslab;

/** An error the user can act on; its message is printed without a stack trace, and it selects the exit code. */
public class NslabException extends RuntimeException {
    private final ExitCode exitCode;

    public NslabException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public NslabException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
