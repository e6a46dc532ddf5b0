package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.deploy.StateStore;
import io.nslab.model.load.LabLoader;

import java.util.List;

/**
 * The lab text {@code up} and {@code plan} work from: a lab file, standard input ({@code -}), or a running lab's
 * name, which stands for the lab as it was last applied (so {@code nslab up seed} makes the running lab whole
 * again from its own record); with no argument, the only running lab.
 */
final class LabSource {
    private LabSource() {
    }

    static LabFiles.Loaded of(String argument, StateStore store, String command) {
        if (argument == null) {
            List<String> running = store.labs();
            if (running.size() != 1) {
                throw new NslabException(ExitCode.BAD_INPUT, "nslab " + command + ": name the lab file: `nslab " + command + " LAB.yaml`"
                        + (running.isEmpty() ? "" : " (running: " + String.join(", ", running) + ")"));
            }
            return recorded(running.getFirst(), store, command);
        }
        return switch (LabArgument.of(argument)) {
            case LabArgument.Name n -> recorded(n.name(), store, command);
            case LabArgument a -> LabFiles.loadWithText(a);
        };
    }

    private static LabFiles.Loaded recorded(String name, StateStore store, String command) {
        var record = store.lab(name);
        if (!record.exists()) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab " + command + ": \"" + name + "\" is neither a lab file nor a running lab"
                    + (store.labs().isEmpty() ? "" : " (running: " + String.join(", ", store.labs()) + ")"));
        }
        String text = record.appliedLab().orElseThrow(() -> LabStates.notYetUp(name, store));
        return new LabFiles.Loaded(text, LabLoader.parse(record.directory().resolve("lab.yaml").toString(), text), java.util.List.of());
    }
}
