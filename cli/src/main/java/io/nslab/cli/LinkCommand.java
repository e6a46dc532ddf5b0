package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.fault.Faults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code nslab link LAB NODE:IF down|up}: one end of a running lab's link down or up again. */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = "Set one end of a running lab's link down or up, as ip link set DEV down|up in its node: the peer "
                + "loses carrier, so neither direction passes. Down, the kernel deletes the node's routes through the "
                + "device; up puts back the end's addresses and the node's routes as the lab gives them. Needs root.")
final class LinkCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LAB", description = "A running lab's name or its file.")
    String labArgument;

    @Parameters(index = "1", paramLabel = "NODE:IF", description = "The link end, as the lab names it (ns1:v1).")
    String end;

    @Parameters(index = "2", paramLabel = "down|up", description = "The state to set.")
    String state;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!state.equals("down") && !state.equals("up")) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab link: the state is down or up, not \"" + state + "\"");
        }
        return FaultRun.run("link", labArgument, kernel, spec, (network, lab) -> {
            Faults.link(network, lab, end, state.equals("up"));
            return ": " + end + " is " + state;
        });
    }
}
