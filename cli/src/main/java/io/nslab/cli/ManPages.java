package io.nslab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Man pages (troff, the man(7) macros) made from picocli's model, as the completion scripts are: nslab(1) with the
 * list of commands, and nslab-COMMAND(1) for each, with its synopsis, description, parameters and options. (picocli's
 * own ManPageGenerator writes AsciiDoc, which needs Asciidoctor, a Ruby program or a JRuby of tens of MB, to become a
 * page that man reads; these few macros need nothing.)
 */
final class ManPages {
    static final String SECTION = "1";

    private ManPages() {
    }

    /** The visible subcommands, in help's order. */
    static List<String> commands(CommandLine root) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            if (!e.getKey().equals("help") && !e.getValue().getCommandSpec().usageMessage().hidden()) {
                names.add(e.getKey());
            }
        }
        return names;
    }

    /** nslab(1): what nslab is, and its commands, each pointing to its own page. */
    static String main(CommandLine root, String version) {
        StringBuilder sb = header("nslab", version);
        sb.append(".SH NAME\nnslab \\- ").append(escape(firstSentence(root.getCommandSpec()))).append('\n');
        sb.append(".SH SYNOPSIS\n.B nslab\n").append(escape("COMMAND [OPTIONS] [ARGUMENTS]")).append('\n');
        sb.append(".SH DESCRIPTION\n");
        paragraphs(sb, root.getCommandSpec().usageMessage().description());
        sb.append(".SH COMMANDS\n");
        for (String c : commands(root)) {
            sb.append(".TP\n.B nslab ").append(escape(c)).append('\n')
                    .append(escape(firstSentence(root.getSubcommands().get(c).getCommandSpec()))).append(" See \\fBnslab\\-")
                    .append(escape(c)).append("\\fR(1).\n");
        }
        sb.append(".SH EXIT STATUS\n0 ok, 1 a check or probe failed, 2 bad input, 3 environment (privilege, missing kernel "
                + "feature), 4 internal error.\n");
        sb.append(".SH SEE ALSO\n").append(String.join(",\n", commands(root).stream().map(c -> "\\fBnslab\\-" + escape(c) + "\\fR(1)").toList()))
                .append('\n');
        return sb.toString();
    }

    /** nslab-COMMAND(1). */
    static String command(String name, CommandLine command, String version) {
        CommandSpec spec = command.getCommandSpec();
        StringBuilder sb = header("nslab-" + name, version);
        sb.append(".SH NAME\nnslab\\-").append(escape(name)).append(" \\- ").append(escape(firstSentence(spec))).append('\n');
        sb.append(".SH SYNOPSIS\n.B nslab ").append(escape(name)).append('\n');
        List<String> synopsis = new ArrayList<>();
        if (spec.options().stream().anyMatch(o -> !o.hidden())) {
            synopsis.add("[OPTIONS]");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                String label = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
                synopsis.add(p.arity().min() == 0 ? "[" + label + "]" : label);
            }
        }
        sb.append(escape(String.join(" ", synopsis))).append('\n');
        sb.append(".SH DESCRIPTION\n");
        paragraphs(sb, spec.usageMessage().description());
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            sb.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : params) {
                sb.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n').append(escape(String.join(" ", p.description())))
                        .append('\n');
            }
        }
        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            sb.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                sb.append(".TP\n");
                List<String> names = new ArrayList<>();
                for (String n : o.names()) {
                    names.add("\\fB" + escape(n) + "\\fR");
                }
                sb.append(String.join(", ", names));
                if (o.arity().max() > 0) {
                    sb.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
                }
                sb.append('\n').append(escape(String.join(" ", o.description()))).append('\n');
            }
        }
        sb.append(".SH SEE ALSO\n\\fBnslab\\fR(1)\n");
        return sb.toString();
    }

    private static StringBuilder header(String page, String version) {
        StringBuilder sb = new StringBuilder(".\\\" generated from nslab's commands by `nslab man`; do not edit\n");
        sb.append(".TH ").append(escape(page.toUpperCase(java.util.Locale.ROOT))).append(' ').append(SECTION).append(" \"\" \"")
                .append(escape(version)).append("\" \"nslab manual\"\n");
        return sb;
    }

    private static void paragraphs(StringBuilder sb, String[] lines) {
        boolean first = true;
        for (String line : lines) {
            if (!first) {
                sb.append(".PP\n");
            }
            sb.append(escape(line)).append('\n');
            first = false;
        }
    }

    private static String firstSentence(CommandSpec spec) {
        String[] d = spec.usageMessage().description();
        String text = d.length == 0 ? "" : d[0];
        int dot = text.indexOf(". ");
        return dot < 0 ? text : text.substring(0, dot + 1);
    }

    /**
     * Text as troff shows it: a backslash is {@code \e}, a hyphen in a word is {@code \-} (a minus that man keeps
     * searchable and unbroken), and a line that would start with '.' or '\'' is protected by {@code \&}.
     */
    static String escape(String text) {
        String s = text.replace("%n", " ").replace("\\", "\\e").replace("-", "\\-").replace("\n", " ");
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }
}
