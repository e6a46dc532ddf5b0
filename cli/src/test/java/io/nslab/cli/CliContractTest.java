package io.nslab.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** docs/cli.md's contract, command by command: the options each takes, how a lab is named, one JSON shape each. */
class CliContractTest {
    private static final String SEED = "../examples/seed.yaml";
    private static final Set<String> STANDARD = Set.of("-h", "--help", "-V", "--version", "--debug");

    @TempDir
    Path tmp;

    /**
     * picocli formats each description with String.format: a lone % ("5%") makes it print a warning and the raw text
     * in --help. Checked on the annotations' own text (picocli's model hands it out already formatted).
     */
    @Test
    void everyDescriptionIsAValidFormat() {
        for (var e : Main.commandLine().getSubcommands().entrySet()) {
            List<String> texts = new java.util.ArrayList<>();
            for (Class<?> c = e.getValue().getCommandSpec().userObject().getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                CommandLine.Command command = c.getAnnotation(CommandLine.Command.class);
                if (command != null) {
                    texts.addAll(List.of(command.description()));
                }
                List<java.lang.reflect.AnnotatedElement> members = new java.util.ArrayList<>(List.of(c.getDeclaredFields()));
                members.addAll(List.of(c.getDeclaredMethods()));
                for (var m : members) {
                    CommandLine.Option o = m.getAnnotation(CommandLine.Option.class);
                    CommandLine.Parameters p = m.getAnnotation(CommandLine.Parameters.class);
                    texts.addAll(List.of(o != null ? o.description() : p != null ? p.description() : new String[0]));
                }
            }
            if (texts.isEmpty()) { // a model written in code (CodedSpec): its own text, as given
                CommandLine.Model.CommandSpec spec = e.getValue().getCommandSpec();
                texts.addAll(List.of(spec.usageMessage().description()));
                spec.options().forEach(o -> texts.addAll(List.of(o.description())));
                spec.positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
            }
            assertThat(texts).as("nslab %s has described options", e.getKey()).isNotEmpty();
            for (String t : texts) {
                assertThatCode(() -> String.format(t)).as("nslab %s: %s", e.getKey(), t).doesNotThrowAnyException();
            }
        }
    }

    /** Each command's options in --help are those its section of docs/cli.md names, and no others. */
    @Test
    void everyCommandsHelpAgreesWithTheDocs() throws Exception {
        String doc = Files.readString(Path.of("../docs/cli.md"));
        for (var e : Main.commandLine().getSubcommands().entrySet()) {
            CommandLine.Model.CommandSpec spec = e.getValue().getCommandSpec();
            if (e.getKey().equals("help") || spec.usageMessage().hidden()) {
                continue;
            }
            String header = "### nslab " + e.getKey() + "\n";
            assertThat(doc).as("a section for " + e.getKey()).contains(header);
            assertThat(doc).as("the command table lists " + e.getKey()).contains("| `nslab " + e.getKey());
            int start = doc.indexOf(header);
            int end = doc.indexOf("\n### ", start + 1);
            String section = doc.substring(start, end < 0 ? doc.indexOf("\n## ", start) : end);
            Set<String> documented = new TreeSet<>();
            Matcher m = Pattern.compile("`(--?[A-Za-z][-A-Za-z]*)`").matcher(section);
            while (m.find()) {
                documented.add(m.group(1));
            }
            for (OptionSpec o : spec.options()) {
                if (o.hidden() || STANDARD.contains(o.longestName())) {
                    continue;
                }
                assertThat(documented).as("docs/cli.md's section of %s names %s", e.getKey(), o.longestName()).containsAnyOf(o.names());
            }
            for (String d : documented) {
                assertThat(spec.findOption(d)).as("%s takes the option %s that docs/cli.md names", e.getKey(), d).isNotNull();
            }
            CliRun help = CliRun.of(e.getKey(), "--help");
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    assertThat(help.out()).as(e.getKey() + " --help").contains(o.longestName());
                }
            }
        }
    }

    /** check took its lab only positionally, ping only with -l: now both everywhere, and - for stdin. */
    @Test
    void theLabIsNamedTheSameWayEverywhere() throws Exception {
        assertThat(CliRun.of("check", "--sim", SEED).exitCode()).isZero();
        assertThat(CliRun.of("check", "--sim", "-l", SEED).exitCode()).isZero();
        assertThat(CliRun.of("status", "--sim", "--lab", SEED).exitCode()).isZero();
        CliRun twice = CliRun.of("check", "--sim", SEED, "-l", "../examples/chain.yaml");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).startsWith("the lab is named twice");
        assertThat(CliRun.of("check", "--sim", SEED, "-l", SEED).exitCode()).as("the same lab twice is one lab").isZero();

        for (List<String> args : List.of(List.of("check", "--sim", "-"), List.of("validate", "-"), List.of("ping", "--sim", "-l", "-", "ns1", "ns2"),
                List.of("up", "--sim", "-"), List.of("status", "--sim", "-"))) {
            Path log = tmp.resolve("stdin.log");
            Process p = new ProcessBuilder(CliProcess.command(args.toArray(new String[0]))).redirectInput(Path.of(SEED).toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(args + ": " + Files.readString(log)).isZero();
            String expected = switch (args.getFirst()) {
                case "validate" -> "-: ok: lab seed";
                case "ping" -> "1 received";
                case "check" -> "3 checks: 3 passed";
                default -> "lab seed";
            };
            assertThat(Files.readString(log)).as(String.join(" ", args)).contains(expected);
        }
    }

    /** status -o json was an object for one lab and a list for all. */
    @Test
    void statusPrintsAListOfLabsWhateverTheArguments() throws Exception {
        Object sim = JSON.std.anyFrom(CliRun.of("status", "--sim", SEED, "-o", "json").out());
        assertThat(sim).isInstanceOf(List.class);
        assertThat((List<?>) sim).singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKeys("lab", "nodes");
        try (KernelDirs kernel = KernelDirs.in(tmp)) {
            assertThat(CliRun.of(kernel.args("up", SEED)).exitCode()).isZero();
            for (String[] args : List.of(kernel.args("status", "-o", "json"), kernel.args("status", "seed", "-o", "json"),
                    kernel.args("status", "-l", SEED, "-o", "json"))) {
                Object tree = JSON.std.anyFrom(CliRun.of(args).out());
                assertThat(tree).as(String.join(" ", args)).isInstanceOf(List.class);
                assertThat((List<?>) tree).singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                        .containsEntry("lab", "seed");
            }
            CliRun yaml = CliRun.of(kernel.args("status", "seed", "-o", "yaml"));
            assertThat(yaml.out()).startsWith("- lab: seed\n");
            // up and plan of a running lab's name: the lab as last applied
            assertThat(CliRun.of(kernel.args("plan", "seed")).out()).isEqualTo("lab seed is up to date: nothing to do\n");
            assertThat(CliRun.of(kernel.args("up", "seed")).out()).startsWith("lab seed is up to date: nothing to do\n");
            assertThat(CliRun.of(kernel.args("up")).out()).as("the only running lab").startsWith("lab seed is up to date");
        }
    }

    /** check's checks were a list and its all-pairs another list of other keys: now one shape, and JUnit XML. */
    @Test
    void checkPrintsOneShapeForChecksAndAllPairs() throws Exception {
        Map<?, ?> checks = (Map<?, ?>) JSON.std.anyFrom(CliRun.of("check", "--sim", SEED, "-o", "json").out());
        Map<?, ?> pairs = (Map<?, ?>) JSON.std.anyFrom(CliRun.of("check", "--sim", SEED, "--all-pairs", "-o", "json").out());
        List<String> keys = checks.keySet().stream().map(Object::toString).toList();
        assertThat(keys).containsExactly("lab", "mode", "passed", "failed", "results");
        assertThat(pairs.keySet().stream().map(Object::toString).toList()).containsExactlyElementsOf(keys);
        assertThat(checks.get("mode")).isEqualTo("checks");
        assertThat(pairs.get("mode")).isEqualTo("all-pairs");
        Map<?, ?> oneCheck = (Map<?, ?>) ((List<?>) checks.get("results")).getFirst();
        Map<?, ?> onePair = (Map<?, ?>) ((List<?>) pairs.get("results")).getFirst();
        assertThat(onePair.keySet().stream().map(Object::toString).toList())
                .containsExactlyElementsOf(oneCheck.keySet().stream().map(Object::toString).toList())
                .containsExactly("name", "from", "to", "destination", "expected", "seen", "passed");
        assertThat(pairs.get("passed")).isEqualTo(12);

        CliRun junit = CliRun.of("check", "--sim", "../examples/seed-broken.yaml", "--all-pairs", "-o", "junit");
        assertThat(junit.exitCode()).isEqualTo(1);
        // all-pairs: a test case per failing pair, and one for the answered pairs together
        assertThat(junit.out()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"nslab check seed-broken --all-pairs\" "
                + "tests=\"5\" failures=\"4\" errors=\"0\">\n  <testcase classname=\"seed-broken\" name=\"8 pings answered\"/>\n")
                .doesNotContain("name=\"ping ns1 -&gt; ns1:v1\"/>")
                .contains("<failure message=\"expected reply, seen refused by the sender&apos;s kernel".replace("&apos;", "'"))
                .endsWith("</testsuite>\n");
        assertThat(CliRun.of("status", "--sim", SEED, "-o", "junit").exitCode()).as("junit is check's only").isEqualTo(2);

        // JSON lines: a line per result as it comes, then the counts; YAML reads back as the JSON's shape
        CliRun lines = CliRun.of("check", "--sim", "../examples/seed-broken.yaml", "--all-pairs", "-o", "jsonl");
        assertThat(lines.exitCode()).isEqualTo(1);
        List<String> all = lines.out().lines().toList();
        assertThat(all).hasSize(13);
        assertThat(((Map<?, ?>) JSON.std.anyFrom(all.getFirst())).keySet().stream().map(Object::toString).toList())
                .containsExactly("name", "from", "to", "destination", "expected", "seen", "passed");
        assertThat(JSON.std.anyFrom(all.getLast())).isEqualTo(Map.of("lab", "seed-broken", "mode", "all-pairs", "passed", 8, "failed", 4));
        Object yaml = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                .loadFromString(CliRun.of("check", "--sim", "../examples/seed-broken.yaml", "--all-pairs", "-o", "yaml").out());
        assertThat(yaml).isEqualTo(JSON.std.anyFrom(CliRun.of("check", "--sim", "../examples/seed-broken.yaml", "--all-pairs", "-o", "json").out()));
    }
}
