package io.nslab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an input file (a lab, a script) with a bound: {@code Files.readAllBytes} on {@code /dev/zero} or
 * {@code /dev/urandom} never returns, and a pipe can be as long as it likes. Reads at most
 * {@code max + 1} bytes and says whether there was more.
 */
public final class InputFiles {
    /** What was read; {@code truncated} when the file holds more than the bound. */
    public record Bytes(byte[] bytes, boolean truncated) {
    }

    private InputFiles() {
    }

    public static Bytes read(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(max + 1);
            return b.length > max ? new Bytes(java.util.Arrays.copyOf(b, max), true) : new Bytes(b, false);
        }
    }
}
