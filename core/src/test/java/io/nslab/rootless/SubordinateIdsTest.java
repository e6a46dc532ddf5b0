package io.nslab.rootless;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubordinateIdsTest {
    private static final String SUBUID = """
            alice:100000:65536
            1001:300000:1000
            carol:0:0
            """;

    @Test
    void aRangeGrantedByNameOrUidInBothFilesIsMappedAfterTheUsersOwnUid() {
        SubordinateIds alice = SubordinateIds.of("alice", 1000, SUBUID, "alice:200000:70000\n", null);
        assertThat(alice).isEqualTo(new SubordinateIds.Granted(new SubordinateIds.Range(100000, 65536), new SubordinateIds.Range(200000, 70000)));
        assertThat(((SubordinateIds.Granted) alice).unshareOptions())
                .containsExactly("--map-users=100000,1,65536", "--map-groups=200000,1,65536");
        assertThat(SubordinateIds.of("bob", 1001, SUBUID, "1001:300000:1000\n", null)).isInstanceOf(SubordinateIds.Granted.class);
    }

    @Test
    void noRangeOrNoHelperMeansOneUidAndSaysWhy() {
        assertThat(SubordinateIds.of("dave", 1003, SUBUID, SUBUID, null))
                .isEqualTo(new SubordinateIds.Single("/etc/subuid grants dave no subordinate range"));
        assertThat(SubordinateIds.of("alice", 1000, SUBUID, null, null))
                .isEqualTo(new SubordinateIds.Single("/etc/subgid grants alice no subordinate range"));
        assertThat(SubordinateIds.of("carol", 1002, SUBUID, SUBUID, null)).isInstanceOf(SubordinateIds.Single.class);
        assertThat(SubordinateIds.of("alice", 1000, null, null, null)).isInstanceOf(SubordinateIds.Single.class);
        assertThat(SubordinateIds.of("alice", 1000, SUBUID, SUBUID, "newuidmap and newgidmap")).isEqualTo(new SubordinateIds.Single(
                "/etc/subuid grants a range, but newuidmap and newgidmap (package uidmap) is not installed"));
    }

    @Test
    void helpersAreLookedForAsExecutables() throws Exception {
        Path dir = Files.createTempDirectory("subids");
        try {
            Files.createFile(dir.resolve("newuidmap"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.createFile(dir.resolve("newgidmap"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
            assertThat(SubordinateIds.missingHelpers(List.of(dir))).isEqualTo("newgidmap");
        } finally {
            Files.delete(dir.resolve("newuidmap"));
            Files.delete(dir.resolve("newgidmap"));
            Files.delete(dir);
        }
    }

    @Test
    void theHoldersMapSaysHowManyIdsAboveRootItHasAndStatusSaysWhichOnes() {
        String single = "         0       1000          1\n";
        String ranged = "         0       1000          1\n         1     100000      65536\n";
        assertThat(SubordinateIds.mappedAboveRoot(single)).isZero();
        assertThat(SubordinateIds.mappedAboveRoot(ranged)).isEqualTo(65536);
        assertThat(SubordinateIds.describe(ranged)).isEqualTo("uid 0 is 1000, uids 1-65536 are 100000-165535");
        assertThat(SubordinateIds.describe(single)).isEqualTo("uid 0 is 1000");
    }
}
