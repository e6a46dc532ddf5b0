package io.nslab.script;

import io.nslab.op.OpException;

/** Dispatches a command by name, the way PATH lookup would find the real tool. */
final class Tools {
    private Tools() {
    }

    static int run(Invocation inv) {
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

    /** strerror() of the errno names the simulator answers with. */
    static String strerror(String errno) {
        return switch (errno) {
            case "EEXIST" -> "File exists";
            case "ENOENT" -> "No such file or directory";
            case "ESRCH" -> "No such process";
            case "EINVAL" -> "Invalid argument";
            case "ENODEV" -> "No such device";
            case "ENETUNREACH" -> "Network is unreachable";
            case "EHOSTUNREACH" -> "No route to host";
            case "EPERM" -> "Operation not permitted";
            case "EACCES" -> "Permission denied";
            case "EBUSY" -> "Device or resource busy";
            case "EOPNOTSUPP" -> "Operation not supported";
            case "ERANGE" -> "Numerical result out of range";
            case "EADDRNOTAVAIL" -> "Cannot assign requested address";
            default -> errno;
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
