package io.nslab.kernel.isolation;

import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an {@code up} killed in the middle of a node's start leaves, taken away by the lab's teardown: the node's
 * cgroups made before anything else of it was recorded (where kill -9 of up left cgroups in every hierarchy that
 * cleanup never removed: teardown went by a cgroup-procs file written only after the cgroups and their limits), and
 * cgroups whose lab has no nodes directory at all. Each cgroup is below {@code nslab/INSTANCE} of the test's own
 * state directory.
 */
class InterruptedStartTest {
    @TempDir
    Path tmp;

    @Test
    void cgroupsMadeBeforeTheNodeRecordedAnythingAreRemoved() throws Exception {
        KernelTestSupport.assumePrivileged();
        Path root = Files.createDirectories(tmp.resolve("state"));
        Path labDir = Files.createDirectories(root.resolve("lab"));
        StateInstance instance = StateInstance.obtain(root);
        try {
            new NodeDirectory(Files.createDirectories(labDir.resolve("nodes")).resolve("n1")).create();
            new NodeCgroup(CgroupHierarchies.read(), instance, "lab", "n1").create();
            assertThat(Leftovers.of(root).cgroups()).isNotEmpty();
            assertThat(LabIsolation.withLeftovers(root)).containsExactly("lab");
            assertThat(LabIsolation.stopAll(labDir, "lab")).isEmpty();
            assertThat(Leftovers.of(root).isEmpty()).as("%s", Leftovers.of(root)).isTrue();
            assertThat(labDir.resolve("nodes")).doesNotExist();
        } finally {
            NodeCgroup.removeLab(CgroupHierarchies.read(), instance, "lab");
        }
    }

    @Test
    void cgroupsOfALabWithoutANodesDirectoryAreFoundAndRemoved() throws Exception {
        KernelTestSupport.assumePrivileged();
        Path root = Files.createDirectories(tmp.resolve("state"));
        StateInstance instance = StateInstance.obtain(root);
        try {
            new NodeCgroup(CgroupHierarchies.read(), instance, "gone", "a").create();
            new NodeCgroup(CgroupHierarchies.read(), instance, "gone", "b").create();
            assertThat(LabIsolation.withLeftovers(root)).containsExactly("gone");
            assertThat(LabIsolation.stopAll(root.resolve("gone"), "gone")).isEmpty();
            assertThat(Leftovers.of(root).isEmpty()).as("%s", Leftovers.of(root)).isTrue();
            assertThat(LabIsolation.withLeftovers(root)).isEmpty();
        } finally {
            NodeCgroup.removeLab(CgroupHierarchies.read(), instance, "gone");
        }
        assertThat(List.of(root.toFile().list())).containsExactly("instance");
    }
}
