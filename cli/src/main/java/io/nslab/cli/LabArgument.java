package io.nslab.cli;

import io.nslab.model.Lab;

import java.nio.file.Files;
import java.nio.file.Path;

/** A lab named on the command line: a running lab's name, or a lab file (whose name is read from it). */
final class LabArgument {
    private LabArgument() {
    }

    static String name(String argument) {
        Path p = Path.of(argument);
        if ((argument.endsWith(".yaml") || argument.endsWith(".yml") || argument.contains("/")) && Files.isRegularFile(p)) {
            Lab lab = LabFiles.load(p);
            return lab.name();
        }
        return argument;
    }
}
