package io.nslab.script;

import io.nslab.op.Op;
import io.nslab.op.OpException;

import java.util.List;
import java.util.Optional;

/** {@code echo VALUE > /proc/sys/net/...} and {@code cat /proc/sys/net/...}: sysctls as files. */
final class ProcFiles {
    static final String PROC_SYS = "/proc/sys/";

    private ProcFiles() {
    }

    static int echo(Invocation inv) {
        List<String> args = inv.argv().subList(1, inv.argv().size());
        boolean newline = true;
        if (!args.isEmpty() && args.getFirst().equals("-n")) {
            newline = false;
            args = args.subList(1, args.size());
        }
        String text = String.join(" ", args) + (newline ? "\n" : "");
        if (inv.redirect().isEmpty()) {
            inv.out(text);
            return 0;
        }
        String path = inv.redirect().get();
        if (!path.startsWith(PROC_SYS + "net/")) {
            inv.err(inv.shellPrefix() + path + ": nslab script writes only to /proc/sys/net/...\n");
            return 1;
        }
        String key = path.substring(PROC_SYS.length()).replace('/', '.');
        Optional<String> current = read(inv, key);
        if (current.isEmpty()) {
            inv.err(inv.shellPrefix() + path + ": No such file or directory\n");
            return 1;
        }
        try {
            inv.world().apply(new Op.SetSysctl(inv.netns(), key, text.strip()));
            return 0;
        } catch (OpException e) {
            inv.err(inv.shellPrefix() + "echo: write error: " + e.errno().text() + "\n");
            return 1;
        }
    }

    static int cat(Invocation inv) {
        int status = 0;
        for (String path : inv.argv().subList(1, inv.argv().size())) {
            Optional<String> value = path.startsWith(PROC_SYS + "net/")
                    ? read(inv, path.substring(PROC_SYS.length()).replace('/', '.')) : Optional.empty();
            if (value.isPresent()) {
                inv.out(value.get() + "\n");
            } else {
                inv.err("cat: " + path + ": No such file or directory\n");
                status = 1;
            }
        }
        return status;
    }

    /** A sysctl's value in the invocation's namespace, by dotted key. */
    static Optional<String> read(Invocation inv, String key) {
        return Optional.ofNullable(inv.world().namespace(inv.netns()).sysctls().get(key));
    }
}
