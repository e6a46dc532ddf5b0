package io.nslab.model.load;

/** {@code limits:} as written: memory as text ({@code 64M}), cpu-quota as text ({@code 50%}). */
record RawLimits(Position position, Located<String> memory, Located<Integer> cpuWeight, Located<String> cpuQuota,
                 Located<Integer> pids) {
}
