package io.nslab.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The host settings that forbid unprivileged user namespaces, and how to allow each. */
final class UserNamespaceSettings {
    private UserNamespaceSettings() {
    }

    /** Which setting forbids them here, and the command that allows it; a general hint when none is found. */
    static String advice() {
        List<String> out = new ArrayList<>();
        if ("0".equals(read("/proc/sys/kernel/unprivileged_userns_clone"))) {
            out.add("kernel.unprivileged_userns_clone is 0 (Debian): allow with  sudo sysctl -w kernel.unprivileged_userns_clone=1");
        }
        if ("0".equals(read("/proc/sys/user/max_user_namespaces"))) {
            out.add("user.max_user_namespaces is 0: allow with  sudo sysctl -w user.max_user_namespaces=15000");
        }
        if ("1".equals(read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"))) {
            out.add("kernel.apparmor_restrict_unprivileged_userns is 1 (Ubuntu 23.10 and later): allow with  "
                    + "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or an AppArmor profile for java with 'userns,'");
        }
        if (out.isEmpty()) {
            out.add("no known setting forbids them here (a container's seccomp profile may): run as root instead, or use the simulator (--sim)");
        }
        return String.join("\n", out);
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path)).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
