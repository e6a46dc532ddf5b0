package io.nslab.model.load;

import io.nslab.ExitCode;
import io.nslab.NslabException;

import java.util.List;
import java.util.stream.Collectors;

/** A lab file that cannot be used, with every problem found in it. */
public final class LabException extends NslabException {
    private final List<Problem> problems;

    public LabException(List<Problem> problems) {
        super(ExitCode.BAD_INPUT, problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
