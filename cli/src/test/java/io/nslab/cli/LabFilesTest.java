package io.nslab.cli;

import io.nslab.model.Lab;
import io.nslab.model.load.LabException;
import io.nslab.model.load.LabLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabFilesTest {

    @Test
    void aLabReadAheadIsTheLabLoadedDirectly() {
        Path seed = Path.of("../examples/seed.yaml");
        LabFiles.readAhead("up", "--timing", seed.toString());
        Lab ahead = LabFiles.load(Path.of("../examples/./seed.yaml"));
        assertThat(ahead).isEqualTo(LabLoader.load(seed));
    }

    @Test
    void problemsFoundAheadAreThoseOfADirectLoad(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nnodes:\n  a: {forwarding: maybe}\n");
        LabFiles.readAhead("validate", bad.toString());
        String direct = messageOf(bad);
        assertThatThrownBy(() -> LabFiles.load(bad)).isInstanceOf(LabException.class).hasMessage(direct);
    }

    @Test
    void otherCommandsReadNothingAhead(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.yaml");
        Files.writeString(out, "not: [a lab");
        LabFiles.readAhead("import", "x.sh", "-o", out.toString());
        Files.writeString(out, "name: now\nnodes: {a: {}}\n"); // what import would write
        assertThat(LabFiles.load(out).name()).isEqualTo("now");
    }

    private static String messageOf(Path file) {
        try {
            LabLoader.load(file);
            throw new AssertionError("expected problems");
        } catch (LabException e) {
            return e.getMessage();
        }
    }
}
