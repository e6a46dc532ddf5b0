package io.nslab.cli;

import io.nslab.Network;
import io.nslab.explain.ExplanationText;
import io.nslab.model.IpAddress;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingListener;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import io.nslab.render.PingText;
import io.nslab.sim.Explainer;
import io.nslab.sim.SimNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/** {@code nslab ping NODE DST}: iputils ping's output, line by line as it comes, natively or on the simulator. */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = {"Ping from a node, printing what iputils ping prints, each line as it comes; Ctrl-C (SIGINT) stops it "
                + "and prints the statistics, as ping does. DST is an address, a node (its first address) or node:ifname. "
                + "--explain shows the path hop by hop and why it stops, with the smallest fix.",
            "Exit status (nslab's contract, not iputils'): 0 a reply came, 1 none did (the sender's kernel refusing, "
                + "\"connect: Network is unreachable\", included; iputils exits 2 there), 2 bad input (an unknown node, "
                + "an -I address that is not the node's), 3 environment, 4 internal."})
final class PingCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NODE", description = "The node that pings.")
    String node;

    @Parameters(index = "1", paramLabel = "DST", description = "Address, node or node:ifname.")
    String destination;

    @Option(names = "-c", paramLabel = "COUNT", description = "Echo requests to send (default 1; iputils sends until interrupted).")
    int count = 1;

    @Option(names = "-W", paramLabel = "SECONDS", description = "Time to wait for the answer after the last request; without it, "
            + "as iputils: until every request is answered or refused, 10 s at most.")
    Double timeout;

    @Option(names = "-i", paramLabel = "SECONDS", description = "Interval between requests (default 1).")
    double interval = 1;

    @Option(names = "-t", paramLabel = "TTL", description = "IP time to live of the requests.")
    Integer ttl;

    @Option(names = "-s", paramLabel = "SIZE", description = "Payload bytes (default 56).")
    int size = PingRequest.DEFAULT_SIZE;

    @Option(names = "-I", paramLabel = "ADDRESS", description = "Source address (one of the node's).")
    String source;

    @Option(names = "--explain", description = "Explain both directions hop by hop: on the kernel, from the state read back from it (and where it "
            + "differs from the lab file); with --sim, from the lab file.")
    boolean explain;

    @Option(names = "--pcap", paramLabel = "DIR", description = "With --sim: write the probe's frames as they cross each interface, "
            + "ARP included, one pcapng file per interface (DIR/NODE-IFACE.pcapng), for tcpdump -r or Wireshark.")
    java.nio.file.Path pcap;

    @Mixin
    WorldOptions world;

    @Spec
    CommandSpec spec;

    /** iputils' wait for the last answer when -W is not given (its MAXWAIT). */
    static final double LINGER_SECONDS = 10;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LabContext ctx = world.context(node);
        IpAddress dst = ctx.destination(destination);
        PingRequest request = new PingRequest(ctx.netnsOf(node), dst, ProbeLimits.whole("ping", "-c", count, 1, ProbeLimits.MAX_COUNT),
                ProbeLimits.seconds("ping", "-i", interval), ProbeLimits.seconds("ping", "-W", timeout == null ? LINGER_SECONDS : timeout),
                ttl == null ? OptionalInt.empty() : OptionalInt.of(ProbeLimits.whole("ping", "-t", ttl, 1, 255)),
                ProbeLimits.whole("ping", "-s", size, 0, 65527),
                Optional.ofNullable(source).map(a -> ProbeLimits.address("ping", "-I", a)), Optional.empty());
        PingResult result;
        try (Network network = world.network(ctx);
             PingCapture capture = pcap == null ? null : PingCapture.attach(network, ctx.lab(), pcap)) {
            result = Interrupts.onSigint(() -> network.ping(request, new PingListener() {
                @Override
                public void started(PingRequest r, IpAddress chosen) {
                    out.print(PingText.header(r, chosen));
                    out.flush();
                }

                @Override
                public void event(PingEvent e) {
                    out.print(PingText.line(e));
                    out.flush();
                }
            }));
            if (result.connectError().isPresent()) {
                err.print(PingText.refusal(request, result.connectError().get()));
                err.flush();
            } else {
                out.print(PingText.statistics(result));
            }
            if (capture != null) {
                capture.finish(err);
            }
            if (explain) {
                out.println(); // after ping's lines, or under its refusal on the terminal
                if (network instanceof SimNetwork model) {
                    out.print(ExplanationText.render(Explainer.forLab(model, ctx.lab()).explain(request)));
                } else {
                    KernelExplanation.print((io.nslab.kernel.KernelNetwork) network, ctx.lab(), x -> x.explain(request), ExplanationText::render, out);
                }
            }
        }
        out.flush();
        return ProbeExit.ping(result);
    }
}
