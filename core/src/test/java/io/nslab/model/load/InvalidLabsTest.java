package io.nslab.model.load;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each fixture under labs/invalid breaks validation rules on purpose and lists, in
 * {@code #@ line:col message-start} comments at its end, exactly the problems it must report.
 */
class InvalidLabsTest {
    private static final Path DIR = Path.of("src/test/resources/labs/invalid");
    private static final Pattern EXPECT = Pattern.compile("^#@ (\\d+):(\\d+) (.+)$");

    record Expected(int line, int column, String start) {
    }

    static Stream<Path> fixtures() throws IOException {
        return Files.list(DIR).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportsEveryProblemAtItsPosition(Path fixture) throws IOException {
        List<Expected> expected = Files.readAllLines(fixture).stream().map(EXPECT::matcher).filter(Matcher::matches)
                .map(m -> new Expected(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3))).toList();
        assertThat(expected).as("fixture lists its expected problems").isNotEmpty();

        LabException e = (LabException) org.assertj.core.api.Assertions.catchThrowable(() -> LabLoader.load(fixture));
        assertThat(e).as("loading %s fails", fixture).isNotNull();
        List<Problem> problems = e.problems();
        assertThat(problems).extracting(p -> p.position().line() + ":" + p.position().column())
                .containsExactlyElementsOf(expected.stream().map(x -> x.line() + ":" + x.column()).toList());
        for (int i = 0; i < problems.size(); i++) {
            assertThat(problems.get(i).message()).startsWith(expected.get(i).start());
            assertThat(problems.get(i).position().file()).isEqualTo(fixture.toString());
        }
        assertThat(e.exitCode().code()).isEqualTo(2);
    }

    @org.junit.jupiter.api.Test
    void emptyFileSaysWhatALabNeeds() {
        assertThatThrownBy(() -> LabLoader.parse("empty.yaml", ""))
                .isInstanceOf(LabException.class)
                .hasMessage("empty.yaml:1:1: the file is empty; a lab needs at least a name and nodes");
    }

    @org.junit.jupiter.api.Test
    void missingFileIsBadInput() {
        assertThatThrownBy(() -> LabLoader.load(Path.of("no/such/lab.yaml")))
                .isInstanceOf(io.nslab.NslabException.class)
                .hasMessage("no/such/lab.yaml: no such file")
                .extracting(t -> ((io.nslab.NslabException) t).exitCode().code()).isEqualTo(2);
    }

    @org.junit.jupiter.api.Test
    void notUtf8IsBadInput(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xe9});
        assertThatThrownBy(() -> LabLoader.load(f)).isInstanceOf(LabException.class).hasMessageContaining("not UTF-8");
    }

    @org.junit.jupiter.api.Test
    void aliasBombIsRefused() {
        StringBuilder y = new StringBuilder("name: x\na: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            y.append("]\n");
            prev = c;
        }
        assertThatThrownBy(() -> LabLoader.parse("bomb.yaml", y.toString())).isInstanceOf(LabException.class);
    }
}
