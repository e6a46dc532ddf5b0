package io.nslab.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NoteSummaryTest {
    private static List<String> resumedStar() {
        List<String> notes = new ArrayList<>(List.of("lab.yaml: not a namespace name: x"));
        for (int i = 1; i <= 150; i++) {
            notes.add("namespace h" + i + ": made by an up that was interrupted; removed");
        }
        notes.add("namespace h7: removed the empty file an interrupted up left in /run/netns");
        notes.add("namespace r of this lab was deleted outside nslab");
        notes.add("namespace s of this lab was deleted outside nslab");
        return notes;
    }

    @Test
    void notesOfManyNamespacesAreCountedWithoutVerbose() {
        assertThat(NoteSummary.lines(resumedStar(), false)).containsExactly(
                "lab.yaml: not a namespace name: x",
                "namespace h1 and 149 more: made by an up that was interrupted; removed (-v names them)",
                "namespace h7: removed the empty file an interrupted up left in /run/netns",
                "namespace r and 1 more of this lab was deleted outside nslab (-v names them)");
    }

    @Test
    void verboseNamesEveryNamespace() {
        List<String> all = NoteSummary.lines(resumedStar(), true);
        assertThat(all).hasSize(154).contains("namespace h150: made by an up that was interrupted; removed");
    }
}
