package io.nslab.api;

import io.nslab.model.Lab;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel labs this JVM has open. A JVM that exits normally (the end of a test run, System.exit, SIGTERM)
 * removes them in a shutdown hook; one that is killed leaves them to the {@link Reaper}.
 */
final class OpenLabs {
    private static final Set<RunningLab> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (RunningLab lab : Set.copyOf(OPEN)) {
                try {
                    lab.close();
                } catch (RuntimeException e) {
                    System.err.println("nslab: could not remove " + lab + " at exit: " + e.getMessage());
                }
            }
        }, "nslab-labs-at-exit"));
    }

    private OpenLabs() {
    }

    static RunningLab up(Lab lab, String text, Path netnsDir, Path stateDir, boolean reaper) {
        if (RootlessLabs.applies()) {
            // the holder's namespaces outlive a killed JVM; `nslab cleanup` as the same user removes them
            RunningLab[] self = new RunningLab[1];
            self[0] = new RunningLab(KernelBackend.upRootless(lab, text), () -> OPEN.remove(self[0]));
            OPEN.add(self[0]);
            return self[0];
        }
        if (reaper) {
            // told before the first namespace is made: a JVM killed in the middle of up leaves nothing either
            Reaper.watch(lab.name(), netnsDir, stateDir);
        }
        KernelBackend backend;
        try {
            backend = KernelBackend.up(lab, text, netnsDir, stateDir);
        } catch (RuntimeException e) {
            if (reaper) {
                Reaper.forget(lab.name());
            }
            throw e;
        }
        RunningLab[] self = new RunningLab[1];
        self[0] = new RunningLab(backend, () -> {
            OPEN.remove(self[0]);
            if (reaper) {
                Reaper.forget(lab.name());
            }
        });
        OPEN.add(self[0]);
        return self[0];
    }
}
