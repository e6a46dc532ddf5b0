/**
 * nslab as a library: real networks inside Java programs and tests.
 *
 * <p>{@link io.nslab.api.Labs} builds a lab from a file or a {@link io.nslab.api.LabSpec}, in the kernel or the
 * simulator ({@link io.nslab.api.World}); a {@link io.nslab.api.RunningLab} answers ping, traceroute and the lab's
 * checks, makes faults (links down, partitions, rate limits, delay) and removes everything on
 * {@link io.nslab.api.RunningLab#close()}; a {@link io.nslab.api.LabNode} runs commands and Java code of this JVM
 * inside a node's network namespace. A {@link io.nslab.api.Reaper} removes what a killed JVM leaves.
 * The JUnit 5 extension (module nslab-junit) builds on this package. See docs/java-api.md.
 */
package io.nslab.api;
