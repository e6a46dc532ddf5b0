package io.nslab.cli;

import picocli.CommandLine.Option;

/** {@code -l/--lab LAB}, which every command that works on one lab takes (docs/cli.md, "Naming the lab"). */
final class LabOption {
    @Option(names = {"-l", "--lab"}, paramLabel = "LAB", description = "The lab: a running lab's name, a lab file, or - for "
            + "standard input (default: the only running lab, or the one with the node).")
    String lab;

    /** The lab given positionally or with -l (not both, unless they agree). */
    String or(String positional) {
        return LabArgument.either(positional, lab);
    }
}
