/**
 * Faults made while a lab runs, the same in the kernel and the simulator: a link end down or up, a partition of
 * node groups and its healing ({@link io.nslab.fault.Partition}), a rate limit or a delay on one end's egress.
 * Used by the Java API and by {@code nslab link}, {@code nslab partition} and {@code nslab heal}.
 */
package io.nslab.fault;
