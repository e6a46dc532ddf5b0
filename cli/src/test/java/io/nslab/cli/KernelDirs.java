package io.nslab.cli;

import io.nslab.kernel.KernelTestSupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private namespace directory and state directory for the kernel commands, and the options that point
 * them there. Closing runs {@code nslab cleanup} in them, then removes the namespace directory. Skips the
 * test, saying why, where namespaces cannot be made.
 */
final class KernelDirs implements AutoCloseable {
    final KernelTestSupport support;
    /** {@code --netns-dir DIR --state-dir DIR}. */
    final String[] options;

    private KernelDirs(KernelTestSupport support, Path state) {
        this.support = support;
        this.options = new String[] {"--netns-dir", support.directory().toString(), "--state-dir", state.toString()};
    }

    static KernelDirs in(Path tmp) throws IOException {
        return new KernelDirs(KernelTestSupport.create(), tmp.resolve("state"));
    }

    /** {@code a} followed by the options. */
    String[] args(String... a) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(options));
        return all.toArray(new String[0]);
    }

    @Override
    public void close() {
        try {
            CliRun.of(args("cleanup"));
        } finally {
            support.close();
        }
    }
}
