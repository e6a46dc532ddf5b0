package io.nslab.model.load;

import io.nslab.NslabException;
import io.nslab.model.Lab;
import io.nslab.model.Node;
import io.nslab.model.NodeName;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What "bad input never hurts" means for the loader: any text ends in a lab whose names are safe to
 * use as file names under {@code /run/netns} and {@code /proc/sys}, or in a {@link LabException} whose
 * every problem sits inside the file and says what is wrong in a bounded message; never another exception.
 */
final class LoadsCleanly {
    /** Longer messages mean a value was pasted in whole; a 10 MB name must not make a 10 MB message. */
    static final int MAX_MESSAGE = 1000;

    private LoadsCleanly() {
    }

    static void check(String text) {
        try {
            Lab lab = LabLoader.parse("fuzz.yaml", text);
            assertSafe(lab);
        } catch (LabException e) {
            assertThat(e.problems()).isNotEmpty();
            long lines = text.lines().count() + 1;
            for (Problem p : e.problems()) {
                assertThat(p.position().line()).as(p.toString()).isBetween(1, (int) Math.min(Integer.MAX_VALUE, lines + 1));
                assertThat(p.position().column()).as(p.toString()).isPositive();
                assertThat(p.message()).isNotBlank().hasSizeLessThanOrEqualTo(MAX_MESSAGE);
            }
        } catch (NslabException e) {
            assertThat(e.exitCode().code()).as(e.getMessage()).isEqualTo(2);
            assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(MAX_MESSAGE);
        }
    }

    /** Names that become files or paths: namespaces under /run/netns, the lab's record, sysctl keys under /proc/sys. */
    static void assertSafe(Lab lab) {
        assertSafeFileName(lab.name());
        for (NodeName n : lab.nodes().keySet()) {
            assertSafeFileName(lab.namespaceOf(n).name());
        }
        for (Node node : lab.nodes().values()) {
            for (String key : node.sysctls().keySet()) {
                assertThat(key).as("sysctl key").matches("[a-z0-9_]+(\\.[^./\0\\s]+)+");
                for (String part : key.split("\\.")) {
                    assertSafeFileName(part);
                }
            }
        }
    }

    private static void assertSafeFileName(String name) {
        assertThat(name).as("a file name").isNotEmpty().isNotEqualTo(".").isNotEqualTo("..")
                .doesNotContain("/").doesNotContain("\0");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).as(name).isLessThanOrEqualTo(255);
    }
}
