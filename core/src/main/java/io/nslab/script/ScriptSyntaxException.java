package io.nslab.script;

import io.nslab.ExitCode;
import io.nslab.NslabException;

/** A script uses something outside the supported subset; nothing has run yet. */
public final class ScriptSyntaxException extends NslabException {
    public ScriptSyntaxException(Node.Pos pos, String what) {
        super(ExitCode.BAD_INPUT, pos + ": " + io.nslab.MessageText.oneLine(what));
    }
}
