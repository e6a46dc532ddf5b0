package io.nslab.model.load;

import io.nslab.NslabException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the text, loading ends in a lab or in a {@link LabException} whose every problem
 * has a position inside the file: never another exception. Mutates the examples, which
 * reaches far deeper into the resolver than random bytes do.
 */
class LoaderFuzzTest {
    private static final List<String> SEEDS = load();

    private static List<String> load() {
        try (var files = Files.list(Path.of("../examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> mutatedLabs() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<String> insert = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of(": ", "- ", "\n", "  ", "[", "]", "{", "}", "&a ", "*a", "'", "\"", "#", "\t", "/",
                        "../", "999999999999", "0.0.0.0/0", "ffff::/200", "é", "\u0000", "~", "null", "-1"));
        return Combinators.combine(seed, Arbitraries.integers().between(0, 1_000_000), insert,
                Arbitraries.integers().between(0, 8)).as((text, at, what, cut) -> {
                    int i = at % (text.length() + 1);
                    int end = Math.min(text.length(), i + cut);
                    return text.substring(0, i) + what + text.substring(end);
                });
    }

    @Property(tries = 3000)
    void mutatedExamplesFailCleanly(@ForAll("mutatedLabs") String text) {
        assertLoadsOrFailsCleanly(text);
    }

    @Property(tries = 1000)
    void arbitraryTextFailsCleanly(@ForAll String text) {
        assertLoadsOrFailsCleanly(text);
    }

    private static void assertLoadsOrFailsCleanly(String text) {
        try {
            LabLoader.parse("fuzz.yaml", text);
        } catch (LabException e) {
            assertThat(e.problems()).isNotEmpty();
            long lines = text.lines().count() + 1;
            for (Problem p : e.problems()) {
                assertThat(p.position().line()).isBetween(1, (int) Math.max(lines, 1) + 1);
                assertThat(p.position().column()).isPositive();
                assertThat(p.message()).isNotBlank();
            }
        } catch (NslabException e) {
            assertThat(e.exitCode().code()).isEqualTo(2);
        }
    }
}
