package io.nslab.deploy;

import io.nslab.op.NeighbourBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a fake /proc/sys: the real host's sysctls are never written by tests. */
class HostNeighbourLimitsTest {
    @TempDir
    Path dir;

    /** A fake /proc/sys holding the neighbour limits as the kernel prints them. */
    static Path fakeProcSys(Path dir, int thresh2, int thresh3) throws IOException {
        Path sys = dir.resolve("sys");
        for (String family : new String[] {"ipv4", "ipv6"}) {
            Path d = Files.createDirectories(sys.resolve("net/" + family + "/neigh/default"));
            Files.writeString(d.resolve("gc_thresh1"), "128\n");
            Files.writeString(d.resolve("gc_thresh2"), thresh2 + "\n");
            Files.writeString(d.resolve("gc_thresh3"), thresh3 + "\n");
        }
        return sys;
    }

    static Map<String, String> contents(Path sys) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (var files = Files.walk(sys)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(sys.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    @Test
    void readsTheLimitsOfEachFamily() throws IOException {
        HostNeighbourLimits limits = new HostNeighbourLimits(fakeProcSys(dir, 512, 1024));
        assertThat(limits.read("ipv4")).isEqualTo(new NeighbourBudget.Limits("ipv4", 512, 1024));
        assertThat(new HostNeighbourLimits(dir.resolve("none")).read("ipv6").thresh3()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void raisingRecordsTheOldTextAndRestoringPutsBackTheSameBytes() throws IOException {
        Path sys = fakeProcSys(dir, 512, 1024);
        Map<String, String> before = contents(sys);
        HostNeighbourLimits limits = new HostNeighbourLimits(sys);
        HostTuning tuning = new StateStore(dir.resolve("state")).hostTuning();
        var changed = limits.raise(new NeighbourBudget(2450, 0, 0, 0, "h0:eth0", 2450), "big", tuning);
        assertThat(changed).containsExactly("net.ipv4.neigh.default.gc_thresh3: 1024 -> 3474",
                "net.ipv4.neigh.default.gc_thresh2: 512 -> 3474");
        assertThat(Files.readString(sys.resolve("net/ipv4/neigh/default/gc_thresh3"))).isEqualTo("3474\n");
        assertThat(tuning.raises()).containsExactly(Map.entry("net.ipv4.neigh.default.gc_thresh3", new HostTuning.Raise(1024, 3474)),
                Map.entry("net.ipv4.neigh.default.gc_thresh2", new HostTuning.Raise(512, 3474)));
        // a second tuning keeps the host's own value, not the first tuning's
        limits.raise(new NeighbourBudget(5000, 0, 0, 0, "h0:eth0", 5000), "big", tuning);
        assertThat(tuning.raises().get("net.ipv4.neigh.default.gc_thresh3")).isEqualTo(new HostTuning.Raise(1024, 6024));

        assertThat(limits.release("big", tuning)).hasSize(2);
        assertThat(contents(sys)).isEqualTo(before);
    }

    @Test
    void limitsThatAreHighEnoughAreLeftAlone() throws IOException {
        Path sys = fakeProcSys(dir, 4096, 8192);
        Map<String, String> before = contents(sys);
        HostTuning tuning = new StateStore(dir.resolve("state")).hostTuning();
        assertThat(new HostNeighbourLimits(sys).raise(new NeighbourBudget(2450, 10, 0, 0, null, 0), "small", tuning)).isEmpty();
        assertThat(tuning.raises()).isEmpty();
        assertThat(contents(sys)).isEqualTo(before);
    }

    @Test
    void limitsHiddenFromThisNamespaceAreTheKernelDefaultsAndTheVerdictSaysSo() throws IOException {
        // what a non-initial network namespace shows: the families, but no neigh/default
        Path sys = dir.resolve("sys");
        Files.createDirectories(sys.resolve("net/ipv4/neigh/lo"));
        Files.createDirectories(sys.resolve("net/ipv6/neigh/lo"));
        HostNeighbourLimits limits = new HostNeighbourLimits(sys, Optional.of(dir.resolve("no-such-namespace")));
        Map<String, HostNeighbourLimits.Reading> r = limits.readAll();
        assertThat(r.get("ipv4").limits()).isEqualTo(new NeighbourBudget.Limits("ipv4", 512, 1024));
        assertThat(r.get("ipv6").limits()).isEqualTo(new NeighbourBudget.Limits("ipv6", 512, 1024));
        assertThat(r.get("ipv4").source()).isEqualTo(HostNeighbourLimits.Source.KERNEL_DEFAULTS);
        assertThat(r.get("ipv4").why()).startsWith("the initial one cannot be entered: open(" + dir.resolve("no-such-namespace")
                + "): ENOENT (No such file or directory)");
        assertThat(limits.canRaise()).isFalse();

        NeighbourBudget.Verdict v = limits.verdict("lan", new NeighbourBudget(2450, 0, 0, 0, "h0:eth0", 2450));
        assertThat(v).isInstanceOfSatisfying(NeighbourBudget.Verdict.Over.class, o -> {
            List<String> lines = o.message().lines().toList();
            assertThat(lines.get(0)).startsWith("lab lan needs 2,450 dynamic IPv4 (ARP) neighbour entries, more than the host's "
                    + "net.ipv4.neigh.default.gc_thresh3 = 1024 (net.ipv4.neigh.default.gc_thresh2 = 512)");
            assertThat(lines.get(1)).startsWith("Note: the host's neighbour limits are not visible from this network namespace, "
                    + "and the initial one cannot be entered: open(").endsWith("these are the kernel's defaults (gc_thresh2 = 512, "
                    + "gc_thresh3 = 1024), which the host may have changed, and --tune-host cannot raise them from here.");
            assertThat(lines.get(2)).startsWith("These limits live only in the host's root namespace");
        });
        assertThat(limits.verdict("lan", new NeighbourBudget(600, 0, 0, 0, "h0:eth0", 600)))
                .isInstanceOfSatisfying(NeighbourBudget.Verdict.Warning.class, w -> assertThat(w.message()).contains("\nNote: "));
        assertThat(limits.verdict("lan", new NeighbourBudget(10, 0, 0, 0, "h0:eth0", 10))).isInstanceOf(NeighbourBudget.Verdict.Fits.class);
        // nothing to write to: raising leaves the (absent) files alone
        HostTuning tuning = new StateStore(dir.resolve("state")).hostTuning();
        assertThat(limits.raise(new NeighbourBudget(2450, 0, 0, 0, "h0:eth0", 2450), "lan", tuning)).isEmpty();
        assertThat(tuning.raises()).isEmpty();
    }

    @Test
    void aFakeProcSysIsNeverReadThroughAnotherNamespace() throws IOException {
        Path sys = fakeProcSys(dir, 4096, 8192);
        HostNeighbourLimits limits = new HostNeighbourLimits(sys);
        assertThat(limits.readAll().values()).extracting(HostNeighbourLimits.Reading::source)
                .containsOnly(HostNeighbourLimits.Source.HERE);
        assertThat(limits.canRaise()).isTrue();
        Files.createDirectories(dir.resolve("hidden/net/ipv4"));
        assertThat(new HostNeighbourLimits(dir.resolve("hidden")).readAll().get("ipv4").why())
                .isEqualTo("no other namespace was given to read them in");
    }
}
