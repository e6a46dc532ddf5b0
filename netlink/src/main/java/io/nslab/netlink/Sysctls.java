package io.nslab.netlink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code net.*} sysctls of a network namespace. {@code /proc/sys/net} shows the namespace of the thread that
 * opens the file, so reads and writes happen on a platform thread inside the namespace.
 */
public final class Sysctls {
    private Sysctls() {
    }

    /**
     * Equivalent to: {@code ip netns exec NS sysctl -n net.ipv4.ip_forward}. One read from offset 0: a proc
     * file has size 0, so {@code Files.readString} reads one byte first, and an integer sysctl answers the read
     * at offset 1 with nothing ({@code ip_default_ttl} 64 came back as "6").
     */
    public static String read(NetNs ns, String key) {
        return ns.call(() -> readHere(key));
    }

    /**
     * The sysctl as the calling thread's network namespace has it (for code already running inside one, as
     * {@link NetNs#call} runs it), read the same way as {@link #read}.
     */
    public static String readHere(String key) throws java.io.IOException {
        try (var in = Files.newInputStream(path(key))) {
            byte[] buf = new byte[4096];
            int n = in.read(buf);
            return new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII).strip();
        }
    }

    /** Whether the calling thread's namespace has this sysctl (a device without IPv6 has no conf/ipv6 block). */
    public static boolean existsHere(String key) {
        return Files.exists(path(key));
    }

    /** Equivalent to: {@code ip netns exec NS sysctl -w net.ipv4.ip_forward=1} */
    public static void write(NetNs ns, String key, String value) {
        Path path = path(key);
        ns.call(() -> Files.write(path, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE));
    }

    /**
     * {@code net.ipv4.ip_forward} or {@code net/ipv4/ip_forward} to its file. Use the slash form when a component
     * contains a dot (an interface such as {@code eth0.100}).
     */
    static Path path(String key) {
        String relative = key.indexOf('/') >= 0 ? key : key.replace('.', '/');
        if (!relative.startsWith("net/") || relative.contains("..")) {
            throw new IllegalArgumentException("not a per-namespace net sysctl: " + key);
        }
        return Path.of("/proc/sys", relative);
    }
}
