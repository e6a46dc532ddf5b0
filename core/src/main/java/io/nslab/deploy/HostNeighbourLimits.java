package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.op.NeighbourBudget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host's neighbour-table limits, read from its root namespace's {@code /proc/sys} (the directory is
 * injectable so tests never touch the real one). Reading is always allowed; writing happens only for
 * {@code up --tune-host}, and every value written is recorded first so {@code down} and {@code cleanup}
 * restore the exact text.
 */
public final class HostNeighbourLimits {
    public static final Path PROC_SYS = Path.of("/proc/sys");
    /** Room left above the lab's own need for the host's and other labs' entries. */
    static final int HEADROOM = 1024;

    private final Path root;

    public HostNeighbourLimits(Path root) {
        this.root = root;
    }

    public static HostNeighbourLimits standard() {
        return new HostNeighbourLimits(PROC_SYS);
    }

    /** {@code family} is {@code ipv4} or {@code ipv6}; a family the host lacks has no limit. */
    public NeighbourBudget.Limits read(String family) {
        return new NeighbourBudget.Limits(family, readInt(key(family, 2)), readInt(key(family, 3)));
    }

    public NeighbourBudget.Verdict verdict(String labName, NeighbourBudget budget) {
        return budget.against(labName, read("ipv4"), read("ipv6"));
    }

    /**
     * Raises gc_thresh2 and gc_thresh3 of each family to what the lab needs plus {@link #HEADROOM}, never
     * lowering them; records each original in {@code record} before writing it. Returns what changed, as
     * {@code key: old -> new}.
     */
    public List<String> raise(NeighbourBudget budget, LabRecord record) {
        List<String> changed = new ArrayList<>();
        raise("ipv4", budget.ipv4Dynamic(), record, changed);
        raise("ipv6", budget.ipv6Dynamic(), record, changed);
        return changed;
    }

    private void raise(String family, long need, LabRecord record, List<String> changed) {
        if (need == 0 || !Files.exists(file(key(family, 3)))) {
            return;
        }
        long target = need + HEADROOM;
        for (int n : new int[] {3, 2}) { // thresh3 first, so thresh2 never exceeds it
            String key = key(family, n);
            String old = readText(key);
            if (Long.parseLong(old) < target) {
                record.rememberHostSysctl(key, old);
                write(key, Long.toString(Math.min(target, Integer.MAX_VALUE)));
                changed.add(key + ": " + old + " -> " + Math.min(target, Integer.MAX_VALUE));
            }
        }
    }

    /** Writes back every value the lab's record holds, in reverse order; returns what it restored. */
    public List<String> restore(LabRecord record) {
        List<String> restored = new ArrayList<>();
        List<Map.Entry<String, String>> entries = new ArrayList<>(record.hostSysctls().entrySet());
        for (Map.Entry<String, String> e : entries.reversed()) {
            if (!readText(e.getKey()).equals(e.getValue())) {
                write(e.getKey(), e.getValue());
                restored.add(e.getKey() + " = " + e.getValue());
            }
        }
        return restored;
    }

    static String key(String family, int n) {
        return "net." + family + ".neigh.default.gc_thresh" + n;
    }

    private Path file(String key) {
        return root.resolve(key.replace('.', '/'));
    }

    private int readInt(String key) {
        if (!Files.exists(file(key))) {
            return Integer.MAX_VALUE;
        }
        long v = Long.parseLong(readText(key));
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    /**
     * One read from offset 0: an integer sysctl answers a read at a later offset with nothing, and
     * {@code Files.readString} reads a zero-size proc file one byte first ("1024" would come back "1").
     */
    private String readText(String key) {
        try (var in = Files.newInputStream(file(key))) {
            byte[] buf = new byte[64];
            int n = in.read(buf);
            return new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "cannot read " + file(key) + ": " + e.getMessage(), e);
        }
    }

    private void write(String key, String value) {
        try {
            Files.writeString(file(key), value + "\n", StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "cannot write " + file(key) + ": " + e.getMessage(), e);
        }
    }
}
