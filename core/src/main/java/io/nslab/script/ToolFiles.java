package io.nslab.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's tools as files, made by the simulator's JVM before the script's bash starts: what prelude.sh
 * makes with a process per file on the kernel's side (mkdir, chmod, an ln per tool), here without one. The prelude
 * then mounts the fstab written here and becomes the script's bash ({@code installed} mode):
 * <ul>
 *   <li>{@code tools.bash}, {@code tool} and {@code enter}, and {@code functions.bash} with a function per simulated
 *       tool;</li>
 *   <li>where the build made it (src/main/c), {@code nslab-tools.so}, the same tools as a bash loadable builtin, and
 *       {@code builtins.bash}, which every bash of the script runs first (prelude.sh makes it BASH_ENV): it loads the
 *       builtin and drops the functions, so that a call costs no function and no redirection;</li>
 *   <li>{@code bin/NAME}, a link to the tool shim for each tool, found at the end of PATH where the host lacks it;</li>
 *   <li>{@code fstab}: the real {@code ip} and {@code tc} bound at {@code real/NAME} (the kernel profile is probed
 *       with them once a command needs it, after the shim covers them), the shim bound over each installed tool,
 *       and the root namespace's tree over /proc/sys/net.</li>
 * </ul>
 */
final class ToolFiles {
    /** Where a tool may be installed, in PATH's usual order; a directory that is a link (merged /usr) is skipped. */
    static final List<Path> BIN_DIRS = List.of(Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"), Path.of("/usr/sbin"),
            Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));
    /** Whether the tools may be a loadable builtin where one was built: {@code -Dnslab.script.builtin=false} keeps the functions. */
    static final String BUILTIN_PROPERTY = "nslab.script.builtin";
    static final String BUILTIN = "nslab-tools.so";
    /** The tools the script gets besides the simulated ones: its own sudo and nsenter. */
    static final List<String> OWN = List.of("sudo", "nsenter");
    /** The real tools the kernel profile is probed with. */
    static final List<String> PROBED = List.of("ip", "tc");

    private final Path dir;
    private final List<String> shims;

    private ToolFiles(Path dir, List<String> shims) {
        this.dir = dir;
        this.shims = shims;
    }

    /** Installs the simulated tools, sudo and nsenter under {@code dir}. */
    static ToolFiles install(Path dir, List<String> simulated) throws IOException {
        return install(dir, dir, simulated);
    }

    /**
     * Installs the simulated tools, sudo and nsenter under {@code dir}, which the script's sandbox shows at
     * {@code inside}: the files name each other by their paths inside.
     */
    static ToolFiles install(Path dir, Path inside, List<String> simulated) throws IOException {
        List<String> shims = new ArrayList<>(simulated);
        shims.addAll(OWN);
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("real"));
        Files.writeString(dir.resolve("tools.bash"), ScriptHost.resource("tools.bash"));
        Files.writeString(dir.resolve("tool"), ScriptHost.resource("tool"));
        Files.setPosixFilePermissions(dir.resolve("tool"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("enter"), ScriptHost.resource("enter"));
        StringBuilder functions = new StringBuilder();
        for (String n : simulated) {
            functions.append(n).append("() { { local -; set +exu; } 2>&-; __nslab_tool ").append(n).append(" \"$@\"; }\n");
        }
        Files.writeString(dir.resolve("functions.bash"), functions);
        installBuiltin(dir, inside, simulated);
        StringBuilder fstab = new StringBuilder();
        for (String n : PROBED) { // before the shim covers them
            Path real = installed(n);
            if (real != null) {
                Files.writeString(dir.resolve("real").resolve(n), "");
                fstab.append(line(real, inside.resolve("real").resolve(n)));
            }
        }
        for (String n : shims) {
            Path link = dir.resolve("bin").resolve(n);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of("../tool"));
            for (Path d : BIN_DIRS) {
                if (!Files.isSymbolicLink(d) && Files.isRegularFile(d.resolve(n))) {
                    fstab.append(line(inside.resolve("tool"), d.resolve(n)));
                }
            }
        }
        fstab.append(line(inside.resolve("sys").resolve("root"), Path.of("/proc/sys/net")));
        Files.writeString(dir.resolve("fstab"), fstab);
        return new ToolFiles(dir, List.copyOf(shims));
    }

    /** Whether the build made the loadable builtin and it is wanted ({@code -Dnslab.script.builtin}). */
    static boolean builtinWanted() {
        return Boolean.parseBoolean(System.getProperty(BUILTIN_PROPERTY, "true")) && ToolFiles.class.getResource(BUILTIN) != null;
    }

    /** The loadable builtin and the file that loads it, where the build made one and it is wanted. */
    private static void installBuiltin(Path dir, Path inside, List<String> simulated) throws IOException {
        if (!builtinWanted()) {
            return;
        }
        byte[] so;
        try (java.io.InputStream in = ToolFiles.class.getResourceAsStream(BUILTIN)) {
            if (in == null) {
                return; // built without gcc or bash's headers: the functions serve
            }
            so = in.readAllBytes();
        }
        Files.write(dir.resolve(BUILTIN), so);
        String names = String.join(" ", simulated) + " " + ToolServer.SETTLE;
        // The builtin refuses to load into another bash version than it was built for; enable then fails and the
        // functions stay. Hidden from set -x and its messages from stderr: a script's bash -x traces only its own.
        Files.writeString(dir.resolve("builtins.bash"), "# nslab script: the tools as builtins (ToolFiles.java)\n{ enable -f "
                + inside.resolve(BUILTIN) + " " + names + " && unset -f " + names + " && __nslab_builtin=1; } 2>/dev/null\n");
    }

    /** The functions the prelude exports: one per tool, sudo and nsenter included. */
    List<String> shims() {
        return shims;
    }

    /** Where the real tool is reachable once the shim covers it, or its bare name when the host lacks it. */
    String real(String name) {
        Path p = dir.resolve("real").resolve(name);
        return Files.isRegularFile(p) ? p.toString() : name;
    }

    /** The first installed file of a tool, as bash's {@code -f} sees it, or null. */
    private static Path installed(String name) {
        for (Path d : BIN_DIRS) {
            if (!Files.isSymbolicLink(d) && Files.isRegularFile(d.resolve(name))) {
                return d.resolve(name);
            }
        }
        return null;
    }

    private static String line(Path source, Path target) {
        return source + " " + target + " none bind 0 0\n";
    }
}
