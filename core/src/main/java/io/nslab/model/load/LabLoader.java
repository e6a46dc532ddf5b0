package io.nslab.model.load;

import io.nslab.ExitCode;
import io.nslab.InputFiles;
import io.nslab.NslabException;
import io.nslab.model.Lab;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a lab file: YAML into raw records, then resolution and validation into a {@link Lab}.
 * Touches nothing but the file; needs no privilege.
 */
public final class LabLoader {
    /** Larger files are refused before parsing: a lab of ten thousand nodes fits in far less. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private LabLoader() {
    }

    /** Loads {@code file}; throws {@link LabException} listing every problem, each at file:line:col. */
    public static Lab load(Path file) {
        return parse(file.toString(), read(file));
    }

    /**
     * The text of a lab file, read once: a command that needs both the lab and its text parses this
     * rather than reading the file again, which a pipe ({@code nslab up <(...)}) could not give twice.
     * Throws (exit 2) for a directory, a missing file, more than {@link #MAX_FILE_BYTES}, or text that is not UTF-8.
     */
    public static String read(Path file) {
        String label = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw new NslabException(ExitCode.BAD_INPUT, label + ": is a directory, not a lab file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new LabException(List.of(new Problem(new Position(label, 1, 1),
                        "file is " + Files.size(file) + " bytes; lab files are limited to " + MAX_FILE_BYTES)));
            }
            // bounded: /dev/zero has size 0 and no end
            InputFiles.Bytes bytes = InputFiles.read(file, (int) MAX_FILE_BYTES);
            if (bytes.truncated()) {
                throw new LabException(List.of(new Problem(new Position(label, 1, 1),
                        "file is more than " + MAX_FILE_BYTES + " bytes; lab files are limited to " + MAX_FILE_BYTES)));
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.bytes())).toString();
        } catch (NoSuchFileException e) {
            throw new NslabException(ExitCode.BAD_INPUT, label + ": no such file");
        } catch (CharacterCodingException e) {
            throw new LabException(List.of(new Problem(new Position(label, 1, 1), "file is not UTF-8 text")));
        } catch (IOException e) {
            throw new NslabException(ExitCode.BAD_INPUT, label + ": cannot read: " + e.getMessage());
        }
    }

    /** Loads lab text; {@code label} names it in messages. */
    public static Lab parse(String label, String text) {
        return check(label, text).lab();
    }

    /** A valid lab, and what in it is probably not what its author meant (see {@link LabLints}). */
    public record Checked(Lab lab, List<Problem> warnings) {
        public Checked {
            warnings = List.copyOf(warnings);
        }
    }

    /** Loads lab text and finds its warnings; throws {@link LabException} listing every problem, as {@link #parse} does. */
    public static Checked check(String label, String text) {
        Problems problems = new Problems();
        var raw = new LabReader(label, problems).read(text);
        var lab = raw.flatMap(r -> new LabResolver(problems).resolve(r));
        if (!problems.isEmpty() || lab.isEmpty()) {
            throw new LabException(problems.sorted());
        }
        return new Checked(lab.get(), LabLints.of(raw.get(), lab.get()));
    }
}
