package io.nslab.model.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Documents built to exhaust a YAML loader: alias bombs, deep nesting, huge scalars, many problems.
 * Each is refused (or loaded) quickly and in bounded memory, with a positioned problem.
 */
// a guard against a hang, not a speed claim: the loader's speed is measured in bench/
@Timeout(120)
class HostileDocumentsTest {

    private static List<Problem> problems(String text) {
        LabException e = catchThrowableOfType(LabException.class, () -> LabLoader.parse("h.yaml", text));
        assertThat(e).as("refused").isNotNull();
        LoadsCleanly.check(text);
        return e.problems();
    }

    /** "Billion laughs": ten aliases per level, nine levels; composing shares nodes, nothing walks them all. */
    static String billionLaughs(int levels, int width) {
        StringBuilder sb = new StringBuilder("name: bomb\nnodes: {a: {}}\nx0: &x0 [lol]\n");
        for (int l = 1; l <= levels; l++) {
            sb.append("x").append(l).append(": &x").append(l).append(" [");
            for (int i = 0; i < width; i++) {
                sb.append(i == 0 ? "" : ", ").append("*x").append(l - 1);
            }
            sb.append("]\n");
        }
        sb.append("links: *x").append(levels).append('\n');
        return sb.toString();
    }

    @Test
    void billionLaughsIsRefusedAtTheAliasLimit() {
        List<Problem> p = problems(billionLaughs(12, 20));
        assertThat(p).anySatisfy(x -> assertThat(x.message()).contains("aliases"));
    }

    @Test
    void aSmallAliasBombIsReadWithoutExpandingIt() {
        List<Problem> p = problems(billionLaughs(9, 10));
        assertThat(p).extracting(Problem::toString).contains("h.yaml:3:1: unknown key \"x0\" in the lab");
    }

    @Test
    void deepNestingIsRefusedWithItsPosition() {
        for (String open : List.of("[", "{a: ", "- ")) {
            String text = (open.equals("- ") ? "" : "name: deep\nnodes: ") + open.repeat(100_000) + "x\n";
            List<Problem> p = problems(text);
            assertThat(p).as(open).hasSize(1);
            assertThat(p.getFirst().message()).as(open).contains("nested more than " + YamlSource.MAX_DEPTH + " levels");
            assertThat(p.getFirst().position().line()).as(open).isEqualTo(open.equals("- ") ? 1 : 2);
        }
    }

    @Test
    void nestingWithinTheLimitIsRead() {
        String text = "name: deep\nnodes: {a: {}}\nlinks: " + "[".repeat(YamlSource.MAX_DEPTH - 2) + "]".repeat(YamlSource.MAX_DEPTH - 2) + "\n";
        assertThat(problems(text)).extracting(Problem::message).allMatch(m -> !m.contains("nested"));
    }

    @Test
    void aTenMegabyteNameIsRefusedAtTheFileStart() {
        String text = "name: " + "x".repeat(10 * 1024 * 1024) + "\nnodes: {a: {}}\n";
        List<Problem> p = problems(text);
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.position().lineColumn()).isEqualTo("1:1");
            assertThat(x.message()).contains("code points");
        });
    }

    @Test
    void aLongPlainScalarJustUnderTheLimitIsReadAndJudged() {
        String text = "name: t\nnodes: {a: {}}\nlinks: " + "x".repeat(YamlSource.MAX_CODE_POINTS - 100) + "\n";
        assertThat(problems(text)).singleElement().extracting(Problem::message).asString().startsWith("links must be a list");
    }

    @Test
    void tooManyValuesAreRefused() {
        List<Problem> p = problems("name: t\nnodes: {a: {}}\nlinks: [" + "x,".repeat(YamlSource.MAX_EVENTS) + "]\n");
        assertThat(p).singleElement().extracting(Problem::message).asString().isEqualTo("YAML: more than " + YamlSource.MAX_EVENTS + " values; a lab file is far smaller");
    }

    @Test
    void aLongNameGivesAShortMessage() {
        String text = "name: " + "n".repeat(1_000_000) + "\nnodes: {a: {}}\n";
        Problem p = problems(text).getFirst();
        assertThat(p.toString()).startsWith("h.yaml:1:7: lab name \"nnnn").endsWith("\" is 1000000 characters; at most 63")
                .contains("characters left out").hasSizeLessThan(io.nslab.MessageText.MAX + 40);
    }

    @Test
    void namesThatWouldLeaveTheNamespaceDirectoryAreRefused() {
        for (String name : List.of("..", ".", "../etc", "a/b", "/", "a\\0b", "x\\u0000")) {
            String text = "name: t\nnodes:\n  \"" + name + "\": {}\n";
            assertThat(problems(text)).as(name).singleElement().extracting(Problem::message).asString()
                    .contains("cannot be a namespace name");
        }
        assertThat(problems("name: \"../x\"\nnodes: {a: {}}\n")).singleElement().extracting(Problem::message).asString()
                .startsWith("lab name \"../x\"");
        assertThat(problems("name: t\nnetns-prefix: \"../\"\nnodes: {a: {}}\n")).singleElement().extracting(Problem::message)
                .asString().startsWith("netns-prefix \"../\"");
    }

    @Test
    void controlCharactersInAValueAreEscapedInTheMessage() {
        Problem p = problems("name: t\nnodes:\n  \"a\\e[2Jb\\u202e\": {}\n").getFirst();
        assertThat(p.message()).contains("a\\u001b[2Jb\\u202e").doesNotContain("\u001b").doesNotContain("\u202e");
    }

    @Test
    void twentyThousandProblemsAreAllReported() {
        StringBuilder sb = new StringBuilder("name: t\nnodes:\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("  _").append(i).append(": {}\n");
        }
        assertThat(problems(sb.toString())).hasSize(20_000);
    }
}
