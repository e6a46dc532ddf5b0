package io.nslab.cli;

import io.nslab.Network;
import io.nslab.explain.ExplanationText;
import io.nslab.model.IpAddress;
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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/** {@code nslab ping NODE DST}: iputils ping's output and exit status, natively or on the simulator. */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = "Ping from a node, printing what iputils ping prints and exiting as it does (0 a reply, 1 none, "
                + "2 an error). DST is an address, a node (its first address) or node:ifname. --explain shows the path "
                + "hop by hop and why it stops, with the smallest fix.")
final class PingCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NODE", description = "The node that pings.")
    String node;

    @Parameters(index = "1", paramLabel = "DST", description = "Address, node or node:ifname.")
    String destination;

    @Option(names = "-c", paramLabel = "COUNT", description = "Echo requests to send (default 1).")
    int count = 1;

    @Option(names = "-W", paramLabel = "SECONDS", description = "Time to wait for each answer (default 1).")
    double timeout = 1;

    @Option(names = "-i", paramLabel = "SECONDS", description = "Interval between requests (default 1).")
    double interval = 1;

    @Option(names = "-t", paramLabel = "TTL", description = "IP time to live of the requests.")
    Integer ttl;

    @Option(names = "-s", paramLabel = "SIZE", description = "Payload bytes (default 56).")
    int size = PingRequest.DEFAULT_SIZE;

    @Option(names = "-I", paramLabel = "ADDRESS", description = "Source address.")
    String source;


    @Option(names = "--explain", description = "Explain both directions hop by hop (from the simulator).")
    boolean explain;

    @Mixin
    WorldOptions world;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LabContext ctx = world.context(node);
        IpAddress dst = ctx.destination(destination);
        PingRequest request = new PingRequest(ctx.netnsOf(node), dst, ProbeLimits.whole("ping", "-c", count, 1, ProbeLimits.MAX_COUNT),
                ProbeLimits.seconds("ping", "-i", interval), ProbeLimits.seconds("ping", "-W", timeout),
                ttl == null ? OptionalInt.empty() : OptionalInt.of(ProbeLimits.whole("ping", "-t", ttl, 1, 255)),
                ProbeLimits.whole("ping", "-s", size, 0, 65527),
                Optional.ofNullable(source).map(a -> ProbeLimits.address("ping", "-I", a)), Optional.empty());
        PingResult result;
        try (Network network = world.network(ctx, "ping")) {
            result = network.ping(request);
            out.print(PingText.render(result));
            if (explain) {
                SimNetwork model = network instanceof SimNetwork s ? s : SimNetwork.of(ctx.lab());
                out.println();
                out.print(ExplanationText.render(Explainer.forLab(model, ctx.lab()).explain(request)));
            }
        }
        out.flush();
        return result.exitStatus();
    }
}
