package io.nslab.kernel.isolation;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading mountinfo: the mount on top of a stack, a namespace by kind and inode, paths with escapes. */
class MountTableTest {
    private static final MountTable TABLE = MountTable.parse(List.of(
            "26 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "44 26 254:0 /run/s/lab/nodes /run/s/lab/nodes rw,relatime - ext4 /dev/vda rw",
            "99 44 0:4 uts:[4026532316] /run/s/lab/nodes/n1/uts rw - nsfs nsfs rw",
            "120 99 0:4 uts:[4026530000] /run/s/lab/nodes/n1/uts rw - nsfs nsfs rw",
            "121 44 0:4 mnt:[4026532400] /run/s/lab/nodes/n\\0401/mnt rw - nsfs nsfs rw",
            "not a line"));

    @Test
    void theTopOfStackedMountsIsTheOneMountedLast() {
        assertThat(TABLE.top(Path.of("/run/s/lab/nodes/n1/uts"))).hasValueSatisfying(e -> {
            assertThat(e.id()).isEqualTo(120);
            assertThat(e.holdsNamespace("uts", 4026530000L)).isTrue();
            assertThat(e.holdsNamespace("uts", 4026532316L)).as("the one below").isFalse();
            assertThat(e.holdsNamespace("ipc", 4026530000L)).as("another kind").isFalse();
        });
        assertThat(TABLE.top(Path.of("/run/s/lab/nodes/n1/ipc"))).isEmpty();
        assertThat(TABLE.top(Path.of("/run/s/lab/nodes/n 1/mnt"))).hasValueSatisfying(e -> assertThat(e.holdsNamespace("mnt", 4026532400L)).isTrue());
    }

    @Test
    void mountsBelowADirectory() {
        assertThat(TABLE.below(Path.of("/run/s/lab/nodes"))).containsExactly(Path.of("/run/s/lab/nodes/n1/uts"),
                Path.of("/run/s/lab/nodes/n 1/mnt"));
        assertThat(TABLE.below(Path.of("/run/s/lab/nodes/n1/uts"))).isEmpty();
        assertThat(TABLE.top(Path.of("/run/s/lab/nodes")).orElseThrow().device()).isEqualTo("254:0");
    }
}
