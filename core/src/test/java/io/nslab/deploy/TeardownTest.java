package io.nslab.deploy;

import io.nslab.model.load.LabLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A namespace's veths vanish from their peers' namespaces asynchronously after it is deleted; an edit that
 * deletes a node and plugs a new one into the same interface name of a surviving node must wait for that.
 */
class TeardownTest {
    @TempDir
    Path state;

    private static String lab(String leaf) {
        StringBuilder y = new StringBuilder("name: td\nnodes:\n  r: {}\n");
        for (int i = 0; i < 20; i++) {
            y.append("  ").append(leaf).append(i).append(": {}\n");
        }
        y.append("links:\n");
        for (int i = 0; i < 20; i++) {
            y.append("  - endpoints: [\"r:p").append(i).append(" 10.0.").append(i).append(".1/24\", \"").append(leaf).append(i)
                    .append(":eth0 10.0.").append(i).append(".2/24\"]\n");
        }
        return y.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void replacingNodesBehindTheSameInterfaceNamesNeverMeetsFileExists(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            Deployer deployer = w.deployer();
            for (int round = 0; round < 6; round++) {
                String text = lab(round % 2 == 0 ? "a" : "b");
                deployer.up(LabLoader.parse("td.yaml", text), text, op -> {
                });
                assertThat(w.namespaces()).hasSize(21);
            }
            assertThat(deployer.down("td").removed()).hasSize(21);
            assertThat(w.namespaces()).isEmpty();
        }
    }
}
