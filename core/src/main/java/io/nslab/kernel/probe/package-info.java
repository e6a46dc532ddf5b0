/**
 * Ping and traceroute in the kernel world, from Java, without {@code ping} processes.
 *
 * <p>How a probe runs: {@link io.nslab.kernel.probe.ProbeSockets} keeps one raw ICMP socket per namespace while
 * probes run there (opened inside the namespace on a namespace thread, then used from any thread), and gives each
 * probe its own echo id; one poller thread for the whole process reads every socket (epoll) and hands each packet
 * to the probe whose id it carries. A probe first connects a UDP socket to its destination, as iputils does, to
 * learn the source address or the kernel's refusal ({@code ping: connect: Network is unreachable}); then it sends
 * echo requests and waits on a Java queue, so hundreds of probes can wait on virtual threads at once.
 *
 * <p>{@link io.nslab.kernel.probe.KernelPing} is {@code ping -c -i -W -t -s -I}; {@link io.nslab.kernel.probe.KernelTrace}
 * is {@code traceroute -n -I -q -m -w}. Ping speaks IPv4 and IPv6; traceroute IPv4 only so far.
 */
package io.nslab.kernel.probe;
