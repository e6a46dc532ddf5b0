package io.nslab.deploy;

/** How long one phase of an {@code up} took, and the process's CPU time in it: ops of one kind, applied together. */
public record PhaseTiming(String kind, int ops, long nanos, ProcessCpu cpu) {
}
