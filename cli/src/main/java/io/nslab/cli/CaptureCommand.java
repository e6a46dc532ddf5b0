package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.capture.CaptureFilter;
import io.nslab.capture.FrameText;
import io.nslab.capture.PcapngWriter;
import io.nslab.model.NamespaceRef;
import io.nslab.netlink.Errno;
import io.nslab.netlink.LinkInfo;
import io.nslab.netlink.NamedNamespaces;
import io.nslab.netlink.NativeException;
import io.nslab.netlink.NetNs;
import io.nslab.netlink.PacketSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code nslab capture LAB NODE:IFACE}: a node's interface captured natively (a packet socket in its namespace), no tcpdump. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Capture the frames crossing one interface of a running lab's node, both ways, with a packet socket "
                + "opened inside the node's network namespace (no tcpdump needed). -w writes pcapng (tcpdump -r and Wireshark "
                + "read it; -w - streams it, a block at a time, for `| wireshark -k -i -`); without -w a line per frame is "
                + "printed, as tcpdump -n does. Stops after -c frames, or at Ctrl-C (SIGINT) or SIGTERM, and says on standard "
                + "error how many it captured, as tcpdump does.",
            "Exit status: 0 captured until stopped, 2 bad input (an unknown node or interface), 3 environment (no "
                + "privilege to enter the node or open a packet socket), 4 internal."})
final class CaptureCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LAB", description = "A running lab's name, or its lab file.")
    String lab;

    @Parameters(index = "1", paramLabel = "NODE:IFACE", description = "The node and its interface, as r1:eth0.")
    String target;

    @Option(names = "-w", paramLabel = "FILE", description = "Write pcapng to FILE (- for standard output, flushed per frame).")
    String file;

    @Option(names = "-c", paramLabel = "COUNT", description = "Stop after COUNT frames (default: until interrupted).")
    Integer count;

    @Option(names = "--filter", paramLabel = "PROTO", description = "Keep only icmp, tcp, udp or arp (tcpdump's expressions, "
            + "compiled as tcpdump compiles them and run by the kernel).")
    String filter;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    /** How often the capture loop looks for an interrupt when no frame comes. */
    private static final int POLL_MILLIS = 100;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int colon = target.indexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab capture: \"" + io.nslab.MessageText.oneLine(target)
                    + "\" is not NODE:IFACE (a node of the lab and one of its interfaces, as r1:eth0)");
        }
        String node = target.substring(0, colon);
        String iface = target.substring(colon + 1);
        Optional<CaptureFilter> kept;
        try {
            kept = Optional.ofNullable(filter).map(CaptureFilter::of);
        } catch (IllegalArgumentException e) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab capture: --filter: " + e.getMessage());
        }
        if (count != null && count < 1) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab capture: -c " + count + ": the count must be at least 1");
        }
        LabContext ctx = LabContext.resolve(lab, node, kernel.store(), false, false, Retry.of(spec), err);
        NamespaceRef netns = ctx.netnsOf(node);
        KernelOptions.requirePrivilege("capture");
        try (NetNs ns = open(netns, node);
             PacketSocket socket = openSocket(ns, node, iface, kept)) {
            return capture(socket, node + ":" + iface, err);
        }
    }

    private NetNs open(NamespaceRef netns, String node) {
        try {
            return switch (netns) {
                case NamespaceRef.Host h -> NetNs.ofThisProcess();
                case NamespaceRef.Named n -> NamedNamespaces.at(kernel.netnsDir).open(n.name());
            };
        } catch (NativeException e) {
            if (e.errno().equals(Errno.ENOENT)) {
                throw new NslabException(ExitCode.BAD_INPUT, "nslab capture: node " + node + "'s namespace " + netns
                        + " does not exist: is lab " + lab + " up? (" + e.getMessage() + ")");
            }
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab capture: cannot open node " + node + "'s namespace: " + e.getMessage());
        }
    }

    private static PacketSocket openSocket(NetNs ns, String node, String iface, Optional<CaptureFilter> kept) {
        List<LinkInfo> links;
        try (var nl = ns.netlink()) {
            links = nl.links().list();
        } catch (NativeException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab capture: cannot enter node " + node + "'s namespace: " + e.getMessage());
        }
        LinkInfo link = links.stream().filter(l -> l.name().equals(iface)).findFirst().orElseThrow(() ->
                new NslabException(ExitCode.BAD_INPUT, "nslab capture: node " + node + " has no interface \""
                        + io.nslab.MessageText.oneLine(iface) + "\"" + io.nslab.model.load.Suggestions.hint(iface,
                        links.stream().map(LinkInfo::name).toList()) + "; its interfaces: "
                        + String.join(", ", links.stream().map(LinkInfo::name).toList())));
        try {
            return PacketSocket.open(ns, link.index(), kept.map(CaptureFilter::program).orElse(List.of()), CaptureFilter.SNAPLEN);
        } catch (NativeException e) {
            if (e.errno().equals(Errno.EPERM) || e.errno().equals(Errno.EACCES)) {
                throw new NslabException(ExitCode.ENVIRONMENT, "nslab capture: " + e.getMessage() + ": a packet socket needs "
                        + "CAP_NET_RAW in the user namespace that owns node " + node + "'s network namespace");
            }
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab capture: " + e.getMessage());
        }
    }

    private int capture(PacketSocket socket, String where, PrintWriter err) {
        PrintWriter out = spec.commandLine().getOut();
        long[] captured = {0};
        try (Sink sink = sink(where, out)) {
            err.println("nslab: listening on " + where + ", link-type EN10MB (Ethernet), snapshot length " + CaptureFilter.SNAPLEN + " bytes");
            err.flush();
            Thread worker = Thread.currentThread();
            sun.misc.Signal term = new sun.misc.Signal("TERM");
            sun.misc.SignalHandler before = sun.misc.Signal.handle(term, s -> worker.interrupt());
            try {
                Interrupts.onSigint(() -> {
                    while ((count == null || captured[0] < count) && !Thread.currentThread().isInterrupted()) {
                        Optional<PacketSocket.Frame> f = socket.receive(POLL_MILLIS);
                        if (f.isPresent()) {
                            sink.frame(f.get());
                            captured[0]++;
                        }
                    }
                    return null;
                });
            } finally {
                sun.misc.Signal.handle(term, before);
                Thread.interrupted();
            }
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab capture: cannot write " + file + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab capture: cannot write " + file + ": " + e.getCause().getMessage());
        }
        PacketSocket.Statistics stats = socket.statistics();
        // tcpdump's three lines; the kernel's count includes frames queued but not read when the capture stopped
        err.println(captured[0] + (captured[0] == 1 ? " packet" : " packets") + " captured");
        err.println(stats.received() + (stats.received() == 1 ? " packet" : " packets") + " received by filter");
        err.println(stats.dropped() + (stats.dropped() == 1 ? " packet" : " packets") + " dropped by kernel");
        err.flush();
        return 0;
    }

    /** Where frames go: a pcapng file, pcapng on standard output, or lines of text. */
    private interface Sink extends AutoCloseable {
        void frame(PacketSocket.Frame f);

        @Override
        void close() throws IOException;
    }

    private Sink sink(String where, PrintWriter out) throws IOException {
        if (file == null) {
            return new Sink() {
                @Override
                public void frame(PacketSocket.Frame f) {
                    out.println(FrameText.line(where, f.epochNanos(), f.data(), f.length(), f.outgoing()));
                    out.flush();
                }

                @Override
                public void close() {
                    out.flush();
                }
            };
        }
        boolean stdout = file.equals("-");
        OutputStream stream;
        try {
            stream = stdout ? new FileOutputStream(FileDescriptor.out) : new BufferedOutputStream(Files.newOutputStream(Path.of(file)), 1 << 16);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab capture: -w " + file + ": cannot write it (" + e.getMessage() + ")");
        }
        PcapngWriter w = new PcapngWriter(stream, stdout, "nslab capture");
        w.addInterface(where, CaptureFilter.SNAPLEN);
        return new Sink() {
            @Override
            public void frame(PacketSocket.Frame f) {
                try {
                    w.packet(0, f.epochNanos(), f.data(), f.length(), f.outgoing() ? PcapngWriter.Direction.OUTBOUND
                            : PcapngWriter.Direction.INBOUND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() throws IOException {
                if (stdout) {
                    w.flush(); // standard output stays open for the JVM's own use
                } else {
                    w.close();
                }
            }
        };
    }
}
