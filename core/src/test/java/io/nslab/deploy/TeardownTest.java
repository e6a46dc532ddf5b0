package io.nslab.deploy;

import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.KernelTestSupport;
import io.nslab.model.load.LabLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    private KernelTestSupport support;
    private KernelNetwork network;
    private StateStore store;

    private DeployFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = DeployFixture.create(state);
        support = fixture.support;
        network = fixture.network;
        store = fixture.store;
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

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

    @Test
    void replacingNodesBehindTheSameInterfaceNamesNeverMeetsFileExists() {
        Deployer deployer = new Deployer(store, network, new Interruption());
        for (int round = 0; round < 6; round++) {
            String text = lab(round % 2 == 0 ? "a" : "b");
            deployer.up(LabLoader.parse("td.yaml", text), text, op -> {
            });
            assertThat(support.registry().list()).hasSize(21);
        }
        assertThat(deployer.down("td")).isEqualTo(21);
        assertThat(support.registry().list()).isEmpty();
    }
}
