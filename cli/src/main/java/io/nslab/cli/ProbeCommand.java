package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.NslabException;
import io.nslab.explain.ExplanationText;
import io.nslab.model.IpAddress;
import io.nslab.model.NamespaceRef;
import io.nslab.model.NodeName;
import io.nslab.probe.Listeners;
import io.nslab.probe.PortOutcome;
import io.nslab.probe.PortProtocol;
import io.nslab.probe.PortRequest;
import io.nslab.probe.PortResult;
import io.nslab.probe.PortTarget;
import io.nslab.render.PortText;
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
import java.util.concurrent.Callable;

/** {@code nslab probe tcp|udp FROM TO:PORT}: whether the network lets a connection through, in either world. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Try a TCP connection or a UDP datagram from a node to a port. When nothing listens on the port in "
                + "the node that holds the destination, nslab listens there itself for the probe's duration (on the kernel, "
                + "a socket opened in that node; UDP datagrams are answered), so the outcome says what the network does: "
                + "open, refused (TCP reset or ICMP port unreachable), closed (UDP: ICMP port unreachable), filtered (no "
                + "answer, or ICMP administratively prohibited) or unreachable (another ICMP error, or the sender has no "
                + "route). --explain names the rule that dropped or rejected it.",
            "Exit status: 0 open, 1 any other outcome, 2 bad input, 3 environment, 4 internal."})
final class ProbeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROTOCOL", description = "tcp or udp.")
    String protocol;

    @Parameters(index = "1", paramLabel = "FROM", description = "The node that connects.")
    String node;

    @Parameters(index = "2", paramLabel = "TO:PORT", description = "Address, node or node:ifname, then the port: ns2:80, "
            + "10.0.2.2:80, [fd00::2]:80.")
    String target;

    @Option(names = "-W", paramLabel = "SECONDS", description = "How long to wait for an answer (default 4: longer than the 3 s "
            + "after which an unanswered neighbour resolution becomes host unreachable).")
    Double timeout;

    @Option(names = "--explain", description = "Explain the attempt and its answer hop by hop, naming the rule that dropped or "
            + "rejected it: on the kernel, from the state read back from it (its rulesets included, and where it differs from the lab "
            + "file) and the host's own firewall where the packets cross the host; with --sim, from the lab file.")
    boolean explain;

    @Option(names = "--listen", paramLabel = "NODE[:PORT]", description = "Where nslab listens when nothing does (default: the node "
            + "that holds the destination, on PORT): for a service behind destination NAT, the server and the port it is "
            + "translated to.")
    String listen;

    @Mixin
    WorldOptions world;

    @Spec
    CommandSpec spec;

    /** The explanation's first line names ping's probe; this one's is the port's. */
    private String rendered(PortRequest request, io.nslab.explain.Explanation e) {
        String text = ExplanationText.render(e);
        return request.protocol().word() + " " + node + " -> " + request.target().substring(4) + text.substring(text.indexOf('\n'));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PortProtocol proto = PortProtocol.ofWord(protocol).orElseThrow(() -> new NslabException(ExitCode.BAD_INPUT,
                "probe: protocol must be tcp or udp, not \"" + io.nslab.MessageText.oneLine(protocol) + "\""));
        PortTarget to;
        try {
            to = PortTarget.parse(target);
        } catch (IllegalArgumentException e) {
            throw new NslabException(ExitCode.BAD_INPUT, "probe: " + e.getMessage());
        }
        LabContext ctx = world.context(node);
        NamespaceRef from = ctx.netnsOf(node);
        IpAddress dst = ctx.destination(to.target());
        Optional<NodeName> holder = dst.isLoopback() ? Optional.of(NodeName.of(node)) : Listeners.nodeHolding(ctx.lab(), dst);
        int listenPort = to.port();
        if (listen != null) {
            int colon = listen.indexOf(':');
            String n = colon < 0 ? listen : listen.substring(0, colon);
            ctx.netnsOf(n); // exits 2 naming the lab's nodes when there is no such node
            holder = Optional.of(NodeName.of(n));
            if (colon >= 0) {
                try {
                    listenPort = PortTarget.parse("x:" + listen.substring(colon + 1)).port();
                } catch (IllegalArgumentException e) {
                    throw new NslabException(ExitCode.BAD_INPUT, "probe: --listen: " + e.getMessage());
                }
            }
        }
        PortRequest request = new PortRequest(from, dst, proto, to.port(),
                timeout == null ? PortRequest.DEFAULT_TIMEOUT : ProbeLimits.seconds("probe", "-W", timeout),
                holder.map(n -> ctx.lab().netnsOf(n)), listenPort);
        PortResult result;
        try (Network network = world.network(ctx)) {
            result = network.probe(request);
            out.print(PortText.line(node, result, holder.map(NodeName::value).orElse("")));
            if (explain) {
                out.println();
                if (network instanceof io.nslab.kernel.KernelNetwork kernel) {
                    // as under ping: from the kernel's state, rulesets included, and the host's chains where the packets cross it
                    KernelExplanation.print(kernel, ctx.lab(), x -> x.explain(request), e -> rendered(request, e), out);
                } else {
                    out.print(rendered(request, Explainer.forLab((SimNetwork) network, ctx.lab()).explain(request)));
                }
            }
        }
        out.flush();
        return result.outcome() == PortOutcome.OPEN ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }
}
