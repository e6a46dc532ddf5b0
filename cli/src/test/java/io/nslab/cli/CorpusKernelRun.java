package io.nslab.cli;

import io.nslab.script.Mask;
import io.nslab.script.ScriptRun;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs corpus scripts with the real tools in a sandbox, as whoever runs this (RootlessScriptsTest: nobody), and
 * prints, per script, its name and how its transcript differs from the kernel's recorded output (root's, NAME.out),
 * masked as ScriptCorpusTest masks it; "same" when it does not. Arguments: the corpus directory, then script names.
 */
final class CorpusKernelRun {
    private CorpusKernelRun() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        ScriptRun.Settings settings = ScriptRun.Settings.DEFAULTS;
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            long t0 = System.nanoTime();
            String live = ScriptRun.transcript(ScriptRun.kernel(dir, name, settings, ScriptRun.Io.CAPTURE), settings);
            String recorded = Files.readString(dir.resolve(name.replace(".sh", ".out")), StandardCharsets.UTF_8);
            String diff = Mask.diff("kernel as root (recorded)", recorded, "kernel as " + System.getProperty("user.name"), live);
            System.out.println("== " + name + " " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + (diff.isEmpty() ? "same" : "differs"));
            if (!diff.isEmpty()) {
                System.out.println(diff);
            }
            System.out.flush();
        }
    }
}
