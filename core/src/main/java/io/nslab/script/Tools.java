package io.nslab.script;

import io.nslab.op.OpException;

/** Dispatches a command by name, the way PATH lookup would find the real tool. */
final class Tools {
    private Tools() {
    }

    /**
     * Runs a command; an argument no check of the tool caught (an interface name the kernel would refuse,
     * a malformed MAC, a number past its type) ends the command with a usage error, as the real tool's
     * own argument check would, instead of ending the script with a stack trace.
     */
    static int run(Invocation inv) {
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
            case "ip", "sysctl" -> 255;
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
            case "echo" -> ProcFiles.echo(inv);
            case "cat" -> ProcFiles.cat(inv);
            case "true", ":", "sleep" -> 0;
            case "false" -> 1;
            default -> {
                inv.err(inv.shellPrefix() + name + ": command not found\n");
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
