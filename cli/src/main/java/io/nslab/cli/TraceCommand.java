package io.nslab.cli;

import io.nslab.Network;
import io.nslab.probe.TraceRequest;
import io.nslab.render.TraceText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code nslab trace NODE DST}: traceroute by TTL-limited ICMP echo, printed like {@code traceroute -n -I}. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Traceroute from a node with TTL-limited ICMP echo requests, printed like traceroute -n -I.")
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
        try (Network network = world.network(ctx, "trace")) {
            spec.commandLine().getOut().print(TraceText.render(network.trace(request)));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
