package io.nslab.sim;

import io.nslab.model.IfName;
import io.nslab.op.Op;
import io.nslab.op.OpException;

/** The kernel's and iproute2's own words for each refusal the simulator reproduces (seen on iproute2 6.1). */
final class Refusals {
    private Refusals() {
    }

    static OpException noDevice(Op op, IfName name) {
        return new OpException(op, "ENODEV", "Cannot find device \"" + name + "\"");
    }

    static OpException noNamespace(Op op, String netns) {
        return new OpException(op, "ENOENT", "Cannot open network namespace \"" + netns + "\": No such file or directory");
    }

    static OpException namespaceExists(Op op, String netns) {
        return new OpException(op, "EEXIST", "Cannot create namespace file \"/run/netns/" + netns + "\": File exists");
    }

    static OpException namespaceMissing(Op op, String netns) {
        return new OpException(op, "ENOENT",
                "Cannot remove namespace file \"/run/netns/" + netns + "\": No such file or directory");
    }

    static OpException fileExists(Op op) {
        return new OpException(op, "EEXIST", "RTNETLINK answers: File exists");
    }

    static OpException noSuchProcess(Op op) {
        return new OpException(op, "ESRCH", "RTNETLINK answers: No such process");
    }

    static OpException invalidArgument(Op op) {
        return new OpException(op, "EINVAL", "RTNETLINK answers: Invalid argument");
    }

    static OpException notSupported(Op op) {
        return new OpException(op, "EOPNOTSUPP", "RTNETLINK answers: Operation not supported");
    }

    static OpException busy(Op op) {
        return new OpException(op, "EBUSY", "RTNETLINK answers: Device or resource busy");
    }

    /** A netlink extended ACK: {@code Error: Nexthop has invalid gateway.} */
    static OpException extack(Op op, String errno, String message) {
        return new OpException(op, errno, "Error: " + message + ".");
    }

    static OpException sysctl(Op op, String errno, String key) {
        return switch (errno) {
            case "ENOENT" -> new OpException(op, errno,
                    "sysctl: cannot stat /proc/sys/" + key.replace('.', '/') + ": No such file or directory");
            default -> new OpException(op, errno, "sysctl: setting key \"" + key + "\": Invalid argument");
        };
    }
}
