package io.nslab.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Pieces of a command's picocli model written in code rather than read from annotations, for the commands on the way
 * to a script's first line (nslab itself, script, import): picocli reads annotations through the JDK's annotation
 * proxies, a class generated for each annotation type in every run, and for these three that cost 40-60 ms before the
 * sandbox could start (docs/benchmarks.md). The model, and so the help, the man page and the completion, is the same.
 */
final class CodedSpec {
    private CodedSpec() {
    }

    /** A command around {@code userObject}, its annotations (if any) not read. */
    static CommandSpec command(Object userObject, String name) {
        return CommandSpec.wrapWithoutInspection(userObject).name(name);
    }

    /**
     * Adds -h and -V as mixinStandardHelpOptions gives them: after the command's own options, where picocli puts a
     * mixin's (the man page and the completion list options in that order).
     */
    static CommandSpec standardHelp(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        return spec;
    }

    /** The one positional parameter a command requires. */
    static PositionalParamSpec required(Class<?> type, String label, String description) {
        return PositionalParamSpec.builder().index("0").arity("1").required(true).paramLabel(label).type(type).description(description).build();
    }

    /** An option that takes no value. */
    static OptionSpec flag(String name, String description) {
        return OptionSpec.builder(name).type(boolean.class).description(description).build();
    }

    /** An option that takes a value of {@code type}, shown as {@code label}. */
    static OptionSpec.Builder valued(Class<?> type, String label, String... names) {
        return OptionSpec.builder(names).type(type).paramLabel(label);
    }
}
