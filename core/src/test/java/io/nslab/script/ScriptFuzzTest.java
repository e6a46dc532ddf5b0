package io.nslab.script;

import io.nslab.fuzz.FuzzTally;
import io.nslab.fuzz.FuzzTries;
import io.nslab.fuzz.HostWorld;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a script passes its tools, the simulator answers every call with output and an exit status from 0
 * to 255 (or hands a program back to the shell), within a time bound; never with an exception. The calls
 * are the corpus's command lines, mutated, each split into an argv as bash would pass it. Figures in
 * {@code target/fuzz/script.figures}.
 */
@AddLifecycleHook(FuzzTries.class)
class ScriptFuzzTest {
    static final FuzzTally TALLY = new FuzzTally("script", Duration.ofSeconds(10));
    private static HostWorld before;

    @BeforeContainer
    static void readHost() {
        before = HostWorld.read();
    }

    @AfterContainer
    static void report() {
        TALLY.kernelChanges(before.changesTo(HostWorld.read()).size());
        TALLY.report();
    }

    /** Runs each line of {@code source} as one tool call, in one world, and checks how each ended. */
    static void runsCleanly(String source) {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        for (String line : source.split("\n")) {
            List<String> argv = List.of(line.trim().split("[ \t]+"));
            if (argv.getFirst().isEmpty() || !Tools.simulated(argv.getFirst())) {
                continue;
            }
            String answer = calls.call(argv);
            assertThat(answer).as(line).matches("(?s).*\\[(exit ([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])|hand off .*)]\n");
        }
    }

    @Provide
    Arbitrary<String> mutatedCorpus() {
        Arbitrary<String> insert = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8), Arbitraries.of(RandomScripts.WORDS),
                Arbitraries.of(" ", "-", "/", ".", ":", "0", "255", "dev", "netns", "exec"));
        return Combinators.combine(Arbitraries.of(RandomScripts.LINES), Arbitraries.integers().between(0, 1_000_000), insert,
                Arbitraries.integers().between(0, 6)).as((text, at, what, cut) -> {
                    int i = at % (text.length() + 1);
                    return text.substring(0, i) + what + text.substring(Math.min(text.length(), i + cut));
                });
    }

    @Provide
    Arbitrary<String> randomScripts() {
        return Arbitraries.randomValue(RandomScripts::script);
    }

    @Property(tries = 2000)
    void mutatedCommandsAnswerCleanly(@ForAll("mutatedCorpus") String source) {
        TALLY.check(source, () -> runsCleanly(source));
    }

    @Property(tries = 2000)
    void randomCommandSequencesAnswerCleanly(@ForAll("randomScripts") String source) {
        TALLY.check(source, () -> runsCleanly(source));
    }

    @Property(tries = 1000)
    void arbitraryArgumentsAnswerCleanly(@ForAll("tool") String tool, @ForAll List<String> args) {
        String source = tool + " " + String.join(" ", args);
        TALLY.check(source, () -> {
            ToolCalls calls = new ToolCalls(new ScriptWorld());
            List<String> argv = new java.util.ArrayList<>(List.of(tool));
            args.stream().map(a -> a.replace("\0", "")).forEach(argv::add);
            assertThat(calls.call(argv)).matches("(?s).*\\[(exit [0-9]+|hand off .*)]\n");
        });
    }

    @Provide
    Arbitrary<String> tool() {
        return Arbitraries.of(Tools.SIMULATED);
    }
}
