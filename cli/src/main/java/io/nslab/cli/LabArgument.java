package io.nslab.cli;

import io.nslab.model.Lab;

import java.nio.file.Files;
import java.nio.file.Path;

/** A lab named on the command line: a running lab's name, or a lab file (whose name is read from it). */
final class LabArgument {
    private LabArgument() {
    }

    static String name(String argument) {
        if ((argument.endsWith(".yaml") || argument.endsWith(".yml") || argument.contains("/")) && isFile(argument)) {
            Path p = Path.of(argument);
            Lab lab = LabFiles.load(p);
            return lab.name();
        }
        return argument;
    }

    /** Whether {@code argument} names a regular file; a string no path can hold (a NUL) names none. */
    static boolean isFile(String argument) {
        try {
            return Files.isRegularFile(Path.of(argument));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }
}
