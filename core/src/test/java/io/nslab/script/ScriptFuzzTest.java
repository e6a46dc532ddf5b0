package io.nslab.script;

import io.nslab.NslabException;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the script, {@code nslab script} on the simulator ends in an exit status with output, or in a
 * {@link ScriptSyntaxException} at {@code fuzz.sh:line:col} before anything ran (or another clean error,
 * exit 2), within a time bound; never another exception. Figures in {@code target/fuzz/script.figures}.
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

    /** Runs {@code source} as {@code nslab script fuzz.sh} would, and checks how it ended. */
    static void runsCleanly(String source) {
        StringBuilder out = new StringBuilder();
        try {
            int status = Interpreter.run(new ScriptWorld(), Output.merged(out), "fuzz.sh", source);
            assertThat(status).isBetween(0, 255);
        } catch (ScriptSyntaxException e) {
            assertThat(e.getMessage()).matches("(?s)fuzz\\.sh:[1-9][0-9]*:[1-9][0-9]*: .+");
            int line = Integer.parseInt(e.getMessage().split(":")[1]);
            assertThat(line).isLessThanOrEqualTo(source.split("\n", -1).length + 1);
            assertThat(e.getMessage()).hasSizeLessThan(io.nslab.MessageText.MAX + 100);
        } catch (NslabException e) {
            assertThat(e.exitCode().code()).as(e.getMessage()).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("fuzz.sh: line ");
        }
    }

    @Provide
    Arbitrary<String> mutatedCorpus() {
        Arbitrary<String> insert = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8), Arbitraries.of(RandomScripts.WORDS),
                Arbitraries.of("\n", " ", "'", "\"", "$", "${", "for x in a; do", "done", "\\\n", "&&", "||", ";", "#"));
        return Combinators.combine(Arbitraries.of(RandomScripts.CORPUS), Arbitraries.integers().between(0, 1_000_000), insert,
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
    void mutatedCorpusRunsCleanly(@ForAll("mutatedCorpus") String source) {
        TALLY.check(source, () -> runsCleanly(source));
    }

    @Property(tries = 2000)
    void randomScriptsRunCleanly(@ForAll("randomScripts") String source) {
        TALLY.check(source, () -> runsCleanly(source));
    }

    @Property(tries = 1000)
    void arbitraryTextRunsCleanly(@ForAll String source) {
        TALLY.check(source, () -> runsCleanly(source));
    }
}
