package io.nslab.cli;

import io.nslab.Network;
import io.nslab.probe.TraceHop;
import io.nslab.probe.TraceListener;
import io.nslab.probe.TraceRequest;
import io.nslab.probe.TraceResult;
import io.nslab.render.TraceText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code nslab trace NODE DST}: traceroute by TTL-limited ICMP echo, printed like {@code traceroute -n -I}, hop by hop. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Traceroute from a node with TTL-limited ICMP echo requests, printed like traceroute -n -I, each hop "
                + "as soon as it is known.",
            "Exit status (nslab's contract, not traceroute's): 0 the destination answered, 1 it did not (the sender's "
                + "kernel refusing included; traceroute exits 0 when nothing answers), 2 bad input, 3 environment, 4 internal."})
final class TraceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NODE", description = "The node that traces.")
    String node;

    @Parameters(index = "1", paramLabel = "DST", description = "Address, node or node:ifname.")
    String destination;

    @Option(names = "-m", paramLabel = "MAX_TTL", description = "Most hops (default 30).")
    int maxHops = 30;

    @Option(names = "-q", paramLabel = "NQUERIES", description = "Probes per hop (default 3).")
    int probes = 3;

    @Option(names = "-w", paramLabel = "SECONDS", description = "Wait for each probe (default 1).")
    double wait = 1;

    @Mixin
    WorldOptions world;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LabContext ctx = world.context(node);
        TraceRequest request = new TraceRequest(ctx.netnsOf(node), ctx.destination(destination),
                ProbeLimits.whole("trace", "-m", maxHops, 1, 255), ProbeLimits.whole("trace", "-q", probes, 1, 10),
                ProbeLimits.seconds("trace", "-w", wait));
        PrintWriter out = spec.commandLine().getOut();
        TraceResult result;
        boolean[] headerOpen = {false};
        try (Network network = world.network(ctx)) {
            result = network.trace(request, new TraceListener() {
                @Override
                public void started(TraceRequest r) {
                    // the header's newline comes with the first hop: a send() refused before any hop leaves the
                    // header unended on stdout, as traceroute does; each hop's line is ended as soon as it is printed
                    out.print(TraceText.header(r).stripTrailing());
                    out.flush();
                    headerOpen[0] = true;
                }

                @Override
                public void hop(TraceHop hop) {
                    out.print((headerOpen[0] ? "\n" : "") + TraceText.hop(hop));
                    out.flush();
                    headerOpen[0] = false;
                }
            });
        }
        if (result.connectError().filter(e -> e == io.nslab.probe.LocalError.SEND_FILTERED).isPresent()) {
            // the node's own output chain refused a probe after the header: traceroute says so and stops
            PrintWriter err = spec.commandLine().getErr();
            err.print("\nsend: " + result.connectError().get().text() + "\n");
            err.flush();
        } else if (result.connectError().isPresent()) {
            // traceroute prints nothing on stdout then, and on stderr an empty line and connect()'s error
            PrintWriter err = spec.commandLine().getErr();
            err.print("\nconnect: " + result.connectError().get().text() + "\n");
            err.flush();
        }
        if (result.connectError().isEmpty() && headerOpen[0]) {
            out.print("\n");
        }
        out.flush();
        return ProbeExit.trace(result);
    }
}
