package io.nslab.deploy;

import io.nslab.model.load.LabLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --tune-host} with several labs, against a fake /proc/sys: the thresholds go back when the last lab that
 * needs them goes, to exactly the text they had, and never when someone else changed them since or a record line
 * was not nslab's.
 */
class HostTuningTest {
    @TempDir
    Path state;

    private static String lan(String name, int hosts) {
        StringBuilder y = new StringBuilder("name: " + name + "\nnodes:\n  sw:\n    bridges:\n      br0: {ports: [");
        for (int i = 0; i < hosts; i++) {
            y.append(i == 0 ? "" : ", ").append("p").append(i);
        }
        y.append("]}\n");
        for (int i = 0; i < hosts; i++) {
            y.append("  h").append(i).append(": {}\n");
        }
        y.append("links:\n");
        for (int i = 0; i < hosts; i++) {
            y.append("  - endpoints: [\"h").append(i).append(":eth0 10.0.0.").append(i + 1).append("/24\", \"sw:p").append(i).append("\"]\n");
        }
        return y.toString();
    }

    private static String thresh3(Path sys) throws IOException {
        return Files.readString(sys.resolve("net/ipv4/neigh/default/gc_thresh3")).strip();
    }

    private static Deployer tuning(DeployWorld w, Path sys) {
        return w.deployer().hostLimits(new HostNeighbourLimits(sys)).tuneHost(true);
    }

    @Test
    void theLastLabToNeedTheRaiseRestoresTheHostsValue() throws IOException {
        try (DeployWorld w = DeployWorld.of("sim", state)) {
            Path sys = HostNeighbourLimitsTest.fakeProcSys(state.resolve("host"), 4, 8);
            String one = lan("one", 4);
            String two = lan("two", 6);
            tuning(w, sys).up(LabLoader.parse("one.yaml", one), one, op -> {
            });
            String raised = thresh3(sys);
            tuning(w, sys).up(LabLoader.parse("two.yaml", two), two, op -> {
            });
            assertThat(Long.parseLong(thresh3(sys))).isGreaterThanOrEqualTo(Long.parseLong(raised));

            DownResult first = tuning(w, sys).down("one");
            assertThat(first.notes()).noneMatch(n -> n.contains("restored"));
            assertThat(Long.parseLong(thresh3(sys))).as("two still needs it").isGreaterThan(8);
            DownResult last = tuning(w, sys).down("two");
            assertThat(last.notes()).contains("host: restored net.ipv4.neigh.default.gc_thresh3 = 8");
            assertThat(thresh3(sys)).isEqualTo("8");
            assertThat(w.store.root().resolve(HostTuning.FILE)).doesNotExist();
        }
    }

    @Test
    void aValueSomeoneSetSinceIsLeftAsItIs() throws IOException {
        try (DeployWorld w = DeployWorld.of("sim", state)) {
            Path sys = HostNeighbourLimitsTest.fakeProcSys(state.resolve("host"), 4, 8);
            String one = lan("one", 4);
            tuning(w, sys).up(LabLoader.parse("one.yaml", one), one, op -> {
            });
            Files.writeString(sys.resolve("net/ipv4/neigh/default/gc_thresh3"), "4096\n");
            DownResult down = tuning(w, sys).down("one");
            assertThat(down.notes()).anySatisfy(n -> assertThat(n).contains("left net.ipv4.neigh.default.gc_thresh3 = 4096"));
            assertThat(thresh3(sys)).isEqualTo("4096");
        }
    }

    @Test
    void aTuningLineNslabDidNotWriteIsNeverActedOn() throws IOException {
        try (DeployWorld w = DeployWorld.of("sim", state)) {
            Path sys = HostNeighbourLimitsTest.fakeProcSys(state.resolve("host"), 512, 1024);
            String one = lan("one", 4);
            w.deployer().hostLimits(new HostNeighbourLimits(sys)).up(LabLoader.parse("one.yaml", one), one, op -> {
            });
            Files.writeString(w.store.root().resolve(HostTuning.FILE), String.join("\n",
                    "raise net.ipv4.neigh.default.gc_thresh3 8 9999", "raise net.ipv4.ip_forward 1 0", "raise /etc/passwd 1 2",
                    "lab one", ""), StandardOpenOption.CREATE);
            tuning(w, sys).down("one");
            assertThat(thresh3(sys)).as("1024 is not the 9999 the line claims nslab set").isEqualTo("1024");
            assertThat(Files.readString(sys.resolve("net/ipv4/neigh/default/gc_thresh2")).strip()).isEqualTo("512");
        }
    }
}
