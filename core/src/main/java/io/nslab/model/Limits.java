package io.nslab.model;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Resource limits of a node, enforced by its own cgroup.
 *
 * @param memoryBytes     memory.max (v2) or memory.limit_in_bytes (v1)
 * @param cpuWeight       1..10000, 100 is the default share (cpu.weight; cpu.shares = weight * 1024 / 100 on v1)
 * @param cpuQuotaPercent percent of one CPU per 100 ms period (cpu.max; cpu.cfs_quota_us on v1); 200 is two CPUs
 * @param pids            pids.max
 */
public record Limits(OptionalLong memoryBytes, OptionalInt cpuWeight, OptionalInt cpuQuotaPercent, OptionalInt pids) {

    public static final Limits NONE = new Limits(OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());

    public boolean isEmpty() {
        return this.equals(NONE);
    }
}
