package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.netlink.NativeException;
import io.nslab.netlink.NetNs;
import io.nslab.op.NeighbourBudget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's neighbour-table limits ({@code net.ipv4/ipv6.neigh.default.gc_thresh2/3}), read from
 * {@code /proc/sys} (the directory is injectable so tests never touch the real one). The limits are global to
 * the machine but shown only in its initial network namespace: {@code /proc/sys/net} shows the network
 * namespace of the task that reads it, and a container's, a CI runner's or {@code nslab sandbox}'s has no
 * {@code neigh/default}. There they are read by a thread that enters the initial namespace
 * ({@code /proc/1/ns/net}) where privilege allows; otherwise the kernel's defaults are assumed and the verdict
 * says so. Reading is always allowed; writing happens only for {@code up --tune-host}, only where the files
 * are visible (never through the initial namespace), and every value written is recorded first so
 * {@code down} and {@code cleanup} restore the exact text.
 */
public final class HostNeighbourLimits {
    public static final Path PROC_SYS = Path.of("/proc/sys");
    /** The namespace of the host's init: the initial network namespace, unless this runs in a PID namespace. */
    public static final Path INITIAL_NETNS = Path.of("/proc/1/ns/net");
    /** The kernel's own values, the same for ARP and NDP ({@code arp_tbl} and {@code nd_tbl}). */
    static final int DEFAULT_THRESH2 = 512;
    static final int DEFAULT_THRESH3 = 1024;
    /** Room left above the lab's own need for the host's and other labs' entries. */
    static final int HEADROOM = 1024;
    private static final List<String> FAMILIES = List.of("ipv4", "ipv6");

    private final Path root;
    private final Optional<Path> initialNetns;

    /** Limits under {@code root}; for the real {@code /proc/sys}, from the initial namespace where not visible here. */
    public HostNeighbourLimits(Path root) {
        this(root, root.equals(PROC_SYS) ? Optional.of(INITIAL_NETNS) : Optional.empty());
    }

    /** Limits under {@code root}, read inside the namespace at {@code initialNetns} where not visible from here. */
    public HostNeighbourLimits(Path root, Optional<Path> initialNetns) {
        this.root = root;
        this.initialNetns = initialNetns;
    }

    public static HostNeighbourLimits standard() {
        return new HostNeighbourLimits(PROC_SYS);
    }

    /** Where a family's limits came from. */
    public enum Source {
        /** The files under the root, as this thread sees them. */
        HERE,
        /** The same files, read by a thread inside the initial network namespace. */
        INITIAL_NAMESPACE,
        /** Neither could be read: the kernel's defaults. */
        KERNEL_DEFAULTS,
        /** The host has no such family (IPv6 disabled): no limit. */
        NO_FAMILY
    }

    /** One family's limits, where they came from, and why the files could not be read when defaults stand in. */
    public record Reading(NeighbourBudget.Limits limits, Source source, String why) {
    }

    /** {@code family} is {@code ipv4} or {@code ipv6}; a family the host lacks has no limit. */
    public NeighbourBudget.Limits read(String family) {
        return readAll().get(family).limits();
    }

    /** Both families, entering the initial namespace at most once. */
    public Map<String, Reading> readAll() {
        Map<String, Reading> out = new LinkedHashMap<>();
        List<String> hidden = new ArrayList<>();
        for (String family : FAMILIES) {
            if (Files.exists(file(key(family, 3)))) {
                out.put(family, new Reading(limits(family), Source.HERE, null));
            } else if (!Files.isDirectory(root.resolve("net").resolve(family))) {
                out.put(family, new Reading(new NeighbourBudget.Limits(family, Integer.MAX_VALUE, Integer.MAX_VALUE), Source.NO_FAMILY, null));
            } else {
                hidden.add(family);
            }
        }
        if (!hidden.isEmpty()) {
            StringBuilder why = new StringBuilder();
            Map<String, NeighbourBudget.Limits> initial = inInitialNamespace(hidden, why);
            for (String family : hidden) {
                NeighbourBudget.Limits l = initial.get(family);
                out.put(family, l != null ? new Reading(l, Source.INITIAL_NAMESPACE, null)
                        : new Reading(new NeighbourBudget.Limits(family, DEFAULT_THRESH2, DEFAULT_THRESH3), Source.KERNEL_DEFAULTS,
                                why.toString()));
            }
        }
        return out;
    }

    public NeighbourBudget.Verdict verdict(String labName, NeighbourBudget budget) {
        Map<String, Reading> r = readAll();
        NeighbourBudget.Verdict v = budget.against(labName, r.get("ipv4").limits(), r.get("ipv6").limits());
        Optional<String> note = r.values().stream().filter(x -> x.source() == Source.KERNEL_DEFAULTS).findFirst()
                .map(x -> "Note: the host's neighbour limits are not visible from this network namespace, and " + x.why()
                        + "; these are the kernel's defaults (gc_thresh2 = " + DEFAULT_THRESH2 + ", gc_thresh3 = " + DEFAULT_THRESH3
                        + "), which the host may have changed, and --tune-host cannot raise them from here.");
        if (note.isEmpty()) {
            return v;
        }
        return switch (v) {
            case NeighbourBudget.Verdict.Fits f -> f;
            case NeighbourBudget.Verdict.Warning w -> new NeighbourBudget.Verdict.Warning(w.message() + "\n" + note.get());
            case NeighbourBudget.Verdict.Over o -> {
                int eol = o.message().indexOf('\n');
                yield new NeighbourBudget.Verdict.Over(eol < 0 ? o.message() + "\n" + note.get()
                        : o.message().substring(0, eol + 1) + note.get() + o.message().substring(eol));
            }
        };
    }

    /** True when {@link #raise} can write every family's limits: they are visible under the root, or absent. */
    public boolean canRaise() {
        return FAMILIES.stream().allMatch(f -> Files.exists(file(key(f, 3))) || !Files.isDirectory(root.resolve("net").resolve(f)));
    }

    /**
     * The limits of {@code families} as a thread inside the initial namespace reads them under the same root;
     * those it cannot read are missing from the answer, and {@code why} says why.
     */
    private Map<String, NeighbourBudget.Limits> inInitialNamespace(List<String> families, StringBuilder why) {
        if (initialNetns.isEmpty()) {
            why.append("no other namespace was given to read them in");
            return Map.of();
        }
        try (NetNs initial = NetNs.open(initialNetns.get())) {
            Map<String, NeighbourBudget.Limits> found = initial.call(() -> {
                Map<String, NeighbourBudget.Limits> m = new LinkedHashMap<>();
                for (String family : families) {
                    if (Files.exists(file(key(family, 3)))) {
                        m.put(family, limits(family));
                    }
                }
                return m;
            });
            if (found.size() < families.size()) {
                why.append(initialNetns.get()).append(" does not show them either (not the initial network namespace)");
            }
            return found;
        } catch (NativeException e) {
            why.append("the initial one cannot be entered: ").append(e.getMessage()); // not permitted: a user namespace, or /proc/1 not ours
            return Map.of();
        }
    }

    private NeighbourBudget.Limits limits(String family) {
        return new NeighbourBudget.Limits(family, readInt(key(family, 2)), readInt(key(family, 3)));
    }

    /**
     * Raises gc_thresh2 and gc_thresh3 of each family to what the lab needs plus {@link #HEADROOM}, never lowering
     * them, and records in {@code tuning} (before each write) the value it had and the value it gets, and that lab
     * {@code lab} relies on the raise. Returns what changed, as {@code key: old -> new}.
     */
    public List<String> raise(NeighbourBudget budget, String lab, HostTuning tuning) {
        return tuning.locked(() -> {
            List<String> changed = new ArrayList<>();
            boolean relies = raise("ipv4", budget.ipv4Dynamic(), tuning, changed);
            relies |= raise("ipv6", budget.ipv6Dynamic(), tuning, changed);
            if (relies) {
                tuning.relyOn(lab);
            }
            return changed;
        });
    }

    /** Raises one family's thresholds where needed; returns whether the need exceeds the host's own (untuned) values. */
    private boolean raise(String family, long need, HostTuning tuning, List<String> changed) {
        if (need == 0 || !Files.exists(file(key(family, 3)))) {
            return false;
        }
        long target = Math.min(need + HEADROOM, Integer.MAX_VALUE);
        boolean relies = false;
        for (int n : new int[] {3, 2}) { // thresh3 first, so thresh2 never exceeds it
            String key = key(family, n);
            long now = Long.parseLong(readText(key));
            HostTuning.Raise before = tuning.raises().get(key);
            long original = before != null ? before.original() : now;
            relies |= original < target;
            if (now < target) {
                tuning.raised(key, original, target);
                write(key, Long.toString(target));
                changed.add(key + ": " + now + " -> " + target);
            }
        }
        return relies;
    }

    /**
     * The verdict against the host's own values, before any {@code --tune-host} raised them: a lab that fits only
     * because another lab's tuning is in force must say so ({@code --tune-host}), or the tuning would be undone
     * under it when the other lab goes.
     */
    public NeighbourBudget.Verdict untunedVerdict(String labName, NeighbourBudget budget, HostTuning tuning) {
        Map<String, HostTuning.Raise> raises = tuning.exists() ? tuning.raises() : Map.of();
        if (raises.isEmpty()) {
            return verdict(labName, budget);
        }
        Map<String, Reading> r = readAll();
        NeighbourBudget.Limits v4 = untuned(r.get("ipv4").limits(), raises);
        NeighbourBudget.Limits v6 = untuned(r.get("ipv6").limits(), raises);
        return budget.against(labName, v4, v6);
    }

    private static NeighbourBudget.Limits untuned(NeighbourBudget.Limits l, Map<String, HostTuning.Raise> raises) {
        HostTuning.Raise t2 = raises.get(key(l.family(), 2));
        HostTuning.Raise t3 = raises.get(key(l.family(), 3));
        return new NeighbourBudget.Limits(l.family(), t2 != null ? (int) t2.original() : l.thresh2(), t3 != null ? (int) t3.original() : l.thresh3());
    }

    /**
     * Lab {@code lab} no longer relies on the raise. When no lab does, every threshold nslab raised goes back to the
     * value it had before, in the reverse order, if it still has the value nslab gave it; one someone set since is
     * left as it is. Returns what it did, in words.
     */
    public List<String> release(String lab, HostTuning tuning) {
        if (!tuning.exists()) {
            return List.of(); // nothing was tuned: no lock file is made either
        }
        return tuning.locked(() -> {
            List<String> notes = new ArrayList<>();
            if (!tuning.labs().contains(lab) && tuning.raises().isEmpty()) {
                return notes;
            }
            tuning.drop(lab);
            if (!tuning.labs().isEmpty()) {
                return notes;
            }
            List<Map.Entry<String, HostTuning.Raise>> raises = new ArrayList<>(tuning.raises().entrySet());
            for (Map.Entry<String, HostTuning.Raise> e : raises.reversed()) {
                String key = e.getKey();
                if (!Files.exists(file(key))) {
                    continue;
                }
                long now = Long.parseLong(readText(key));
                if (now == e.getValue().raised() && e.getValue().original() < e.getValue().raised()) {
                    write(key, Long.toString(e.getValue().original()));
                    notes.add("restored " + key + " = " + e.getValue().original());
                } else if (now != e.getValue().original()) {
                    notes.add("left " + key + " = " + now + ": it is not the " + e.getValue().raised() + " nslab set");
                }
            }
            tuning.clear();
            return notes;
        });
    }

    /** Whether {@code key} is a neighbour threshold nslab may tune. */
    static boolean isThreshold(String key) {
        return key.matches("net\\.ipv[46]\\.neigh\\.default\\.gc_thresh[23]");
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
