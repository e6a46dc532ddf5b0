package io.nslab.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The kernel world that the kernel command tests share: a temporary directory, and in it a private namespace
 * directory and state directory ({@link KernelDirs}), cleaned up and removed after each test, also when it fails.
 * The test is skipped, saying why, where namespaces cannot be made. A subclass's own {@code @BeforeEach} runs after
 * this one's, so it may use {@link #kernel} at once.
 */
abstract class KernelWorld {
    @TempDir
    protected Path tmp;
    protected KernelDirs kernel;

    @BeforeEach
    final void makeKernelWorld() throws IOException {
        kernel = KernelDirs.in(tmp);
    }

    @AfterEach
    final void removeKernelWorld() {
        if (kernel != null) {
            kernel.close();
        }
    }
}
