package io.nslab.script;

import io.nslab.op.OpException;

import java.util.List;

/** The simulator's networking tools, dispatched by name as PATH lookup would find the real ones. */
final class Tools {
    /** A tool's status when it handed a command back to the caller's shell ({@link Output#handOff}). */
    static final int HANDED_OFF = -1;

    /** The tools the simulator runs itself; a script's shell gets a function of each name. */
    static final List<String> SIMULATED = List.of("ip", "route", "sysctl", "ping", "traceroute", "tc", "brctl", "bridge", "ifconfig",
            "arp", "ethtool", "iptables", "ip6tables", "iptables-save", "ip6tables-save", "iptables-restore",
            "ip6tables-restore", "nft");

    /** How tools.bash hands a tool its standard input: this prefix and the text, as the first argument after the name. */
    static final String STDIN_ARG = "--nslab-stdin=";
    /** How the builtin hands a tool the file it names (nft -f FILE): this prefix and the text, before any stdin. */
    static final String FILE_ARG = "--nslab-file=";

    private Tools() {
    }

    static boolean simulated(String name) {
        return SIMULATED.contains(name);
    }

    /**
     * Runs a command; an argument no check of the tool caught (an interface name the kernel would refuse,
     * a malformed MAC, a number past its type) ends the command with a usage error, as the real tool's
     * own argument check would, instead of ending the script with a stack trace.
     */
    static int run(Invocation inv) {
        if (inv.argv().size() > 1 && inv.argv().get(1).startsWith(FILE_ARG)) {
            List<String> argv = new java.util.ArrayList<>(inv.argv());
            String text = argv.remove(1).substring(FILE_ARG.length());
            inv = new Invocation(inv.world(), inv.io(), inv.netns(), argv, inv.context().withFile(text));
        }
        if (inv.argv().size() > 1 && inv.argv().get(1).startsWith(STDIN_ARG)) {
            List<String> argv = new java.util.ArrayList<>(inv.argv());
            String text = argv.remove(1).substring(STDIN_ARG.length());
            inv = new Invocation(inv.world(), inv.io(), inv.netns(), argv, inv.context().withStdin(text));
        }
        try {
            return dispatch(inv);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
            String name = inv.argv().getFirst();
            String why = io.nslab.MessageText.oneLine(String.valueOf(e.getMessage()));
            inv.err(name.equals("ip") ? "Error: argument is wrong: " + why + "\n" : name + ": invalid argument: " + why + "\n");
            return usageStatus(name);
        }
    }

    /** What the tool exits with on a bad argument: iproute2 exit(-1), iputils 2, net-tools and procps 1 or 255. */
    private static int usageStatus(String name) {
        return switch (name) {
            case "ip", "sysctl", "tc", "bridge", "arp" -> 255;
            case "iptables-restore", "ip6tables-restore" -> 2;
            case "ping", "traceroute" -> 2;
            default -> 1;
        };
    }

    private static int dispatch(Invocation inv) {
        String name = inv.argv().getFirst();
        return switch (name) {
            case "ip" -> IpCommand.run(inv);
            case "route" -> RouteCommand.run(inv);
            case "sysctl" -> SysctlCommand.run(inv);
            case "ping" -> PingCommand.run(inv);
            case "traceroute" -> TracerouteCommand.run(inv);
            case "tc" -> TcCommand.run(inv);
            case "brctl" -> BrctlCommand.run(inv);
            case "bridge" -> BridgeCommand.run(inv);
            case "ifconfig" -> IfconfigCommand.run(inv);
            case "arp" -> ArpCommand.run(inv);
            case "ethtool" -> EthtoolCommand.run(inv);
            case "iptables", "ip6tables" -> IptablesCommand.run(inv);
            case "iptables-save", "ip6tables-save" -> IptablesSave.run(inv);
            case "iptables-restore", "ip6tables-restore" -> IptablesRestore.run(inv);
            case "nft" -> NftCommand.run(inv);
            default -> {
                inv.err(name + ": not a tool the simulator runs\n");
                yield 127;
            }
        };
    }

    /**
     * iproute2's exit status for a refusal: 1 when ip itself found no such device before asking the
     * kernel, 2 for the kernel's answer to a request.
     */
    static int ipStatus(OpException e) {
        return e.kernelMessage().startsWith("Cannot find device") ? 1 : 2;
    }
}
