package io.nslab;

/** The process exit codes of every nslab command. */
public enum ExitCode {
    OK(0),
    /** A check or probe failed. */
    CHECK_FAILED(1),
    /** Bad input: a lab file, a script, an argument. */
    BAD_INPUT(2),
    /** The environment lacks something: privilege, a kernel feature, a tool. */
    ENVIRONMENT(3),
    /** A bug in nslab. */
    INTERNAL(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
