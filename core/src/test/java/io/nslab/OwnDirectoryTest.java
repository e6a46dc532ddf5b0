package io.nslab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class OwnDirectoryTest {
    @TempDir
    Path parent;

    @Test
    void aNewDirectoryOnlyItsOwnerMayEnterNamedAfterThisProcess() throws IOException {
        Path a = OwnDirectory.create(parent, "nslab-test-");
        Path b = OwnDirectory.create(parent, "nslab-test-");

        assertThat(a).isNotEqualTo(b);
        for (Path d : new Path[] {a, b}) {
            assertThat(d.getParent()).isEqualTo(parent);
            assertThat(d.getFileName().toString()).startsWith("nslab-test-" + ProcessHandle.current().pid() + "-");
            assertThat(Files.isDirectory(d)).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).isEqualTo("rwx------");
            try (var s = Files.list(d)) {
                assertThat(s).isEmpty();
            }
        }
    }

    @Test
    void inTheJdksTemporaryDirectory() throws IOException {
        Path d = OwnDirectory.inTemporary("nslab-test-");
        try {
            assertThat(d.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        } finally {
            Files.delete(d);
        }
    }
}
