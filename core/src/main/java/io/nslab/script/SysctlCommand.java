package io.nslab.script;

import io.nslab.op.Op;
import io.nslab.op.OpException;

import java.util.Optional;

/** procps {@code sysctl [-n] [-q] [-w] KEY[=VALUE]...} on the network keys. */
final class SysctlCommand {
    private SysctlCommand() {
    }

    static int run(Invocation inv) {
        boolean valuesOnly = false;
        boolean quiet = false;
        boolean write = false;
        int status = 0;
        for (String a : inv.argv().subList(1, inv.argv().size())) {
            if (a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 'n' -> valuesOnly = true;
                        case 'q' -> quiet = true;
                        case 'w' -> write = true;
                        default -> {
                            inv.err("sysctl: nslab script supports only -n, -q and -w, not -" + c + "\n");
                            return 2;
                        }
                    }
                }
                continue;
            }
            int eq = a.indexOf('=');
            if (eq < 0 && write) {
                inv.err("sysctl: \"" + a + "\" must be of the form name=value\n");
                status = 1;
                continue;
            }
            String key = (eq < 0 ? a : a.substring(0, eq)).replace('/', '.');
            String path = "/proc/sys/" + key.replace('.', '/');
            Optional<String> current = inv.world().network().sysctl(inv.netns(), key);
            if (current.isEmpty()) {
                inv.err("sysctl: cannot stat " + path + ": No such file or directory\n");
                status = 1;
                continue;
            }
            if (eq < 0) {
                inv.out(valuesOnly ? current.get() + "\n" : key + " = " + current.get() + "\n");
                continue;
            }
            String value = a.substring(eq + 1);
            try {
                inv.world().apply(new Op.SetSysctl(inv.netns(), key, value));
                if (!quiet) {
                    inv.out(valuesOnly ? value + "\n" : key + " = " + value + "\n");
                }
            } catch (OpException e) {
                inv.err("sysctl: setting key \"" + key + "\": " + e.errno().text() + "\n");
                status = 1;
            }
        }
        return status;
    }
}
