package io.nslab.model.load;

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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whatever the text, loading ends in a lab or in a {@link LabException} whose every problem has a
 * position inside the file (see {@link LoadsCleanly}), within a time bound. Three sources of input:
 * byte-level mutations of the examples and the invalid fixtures, structured random labs broken in one
 * place (which reach the resolvers' checks), and arbitrary text. {@code -Dnslab.fuzz.factor=N} runs N
 * times the tries; the figures land in {@code target/fuzz/loader.figures}.
 */
@AddLifecycleHook(FuzzTries.class)
class LoaderFuzzTest {
    static final FuzzTally TALLY = new FuzzTally("loader", Duration.ofSeconds(10));
    private static final List<String> SEEDS = seeds();
    private static HostWorld before;

    private static List<String> seeds() {
        try (Stream<Path> examples = Files.list(Path.of("../examples"));
             Stream<Path> invalid = Files.list(Path.of("src/test/resources/labs/invalid"))) {
            return Stream.concat(examples, invalid).filter(p -> p.toString().endsWith(".yaml")).sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeContainer
    static void readHost() {
        before = HostWorld.read();
    }

    @AfterContainer
    static void report() {
        TALLY.kernelChanges(before.changesTo(HostWorld.read()).size());
        TALLY.report();
    }

    @Provide
    Arbitrary<String> mutatedLabs() {
        Arbitrary<String> insert = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of(": ", "- ", "\n", "  ", "[", "]", "{", "}", "&a ", "*a", "'", "\"", "#", "\t", "/",
                        "../", "999999999999", "0.0.0.0/0", "ffff::/200", "é", "\u0000", "~", "null", "-1", "<<: *a\n",
                        "!!binary ", "? ", "|\n", "%TAG ! x\n", "\uFEFF", "\r\n", "\\"),
                Arbitraries.of(HostileValues.NAMES), Arbitraries.of(HostileValues.NUMBERS),
                Arbitraries.of(HostileValues.ADDRESSES), Arbitraries.of(HostileValues.RAW));
        return Combinators.combine(Arbitraries.of(SEEDS), Arbitraries.integers().between(0, 1_000_000), insert,
                Arbitraries.integers().between(0, 8)).as((text, at, what, cut) -> {
                    int i = at % (text.length() + 1);
                    int end = Math.min(text.length(), i + cut);
                    return text.substring(0, i) + what + text.substring(end);
                });
    }

    @Provide
    Arbitrary<String> brokenLabs() {
        return Arbitraries.randomValue(r -> YamlTree.render(LabBreaker.breakSome(RandomLabs.lab(r), r)));
    }

    @Property(tries = 3000)
    void mutatedExamplesFailCleanly(@ForAll("mutatedLabs") String text) {
        TALLY.check(text, () -> LoadsCleanly.check(text));
    }

    @Property(tries = 3000)
    void brokenRandomLabsFailCleanly(@ForAll("brokenLabs") String text) {
        TALLY.check(text, () -> LoadsCleanly.check(text));
    }

    @Property(tries = 1000)
    void arbitraryTextFailsCleanly(@ForAll String text) {
        TALLY.check(text, () -> LoadsCleanly.check(text));
    }
}
