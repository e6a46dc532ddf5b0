package io.nslab.sim;

import io.nslab.model.IfName;
import io.nslab.netlink.Errno;
import io.nslab.op.Op;
import io.nslab.op.OpException;

/** The kernel's and iproute2's own words for each refusal the simulator reproduces (seen on iproute2 6.1). */
final class Refusals {
    private Refusals() {
    }

    static OpException noDevice(Op op, IfName name) {
        return new OpException(op, Errno.ENODEV, "Cannot find device \"" + name + "\"");
    }

    static OpException noNamespace(Op op, String netns) {
        return new OpException(op, Errno.ENOENT, "Cannot open network namespace \"" + netns + "\": No such file or directory");
    }

    static OpException namespaceExists(Op op, String netns) {
        return new OpException(op, Errno.EEXIST, "Cannot create namespace file \"/run/netns/" + netns + "\": File exists");
    }

    static OpException namespaceMissing(Op op, String netns) {
        return new OpException(op, Errno.ENOENT,
                "Cannot remove namespace file \"/run/netns/" + netns + "\": No such file or directory");
    }

    static OpException fileExists(Op op) {
        return new OpException(op, Errno.EEXIST, "RTNETLINK answers: File exists");
    }

    static OpException noSuchProcess(Op op) {
        return new OpException(op, Errno.ESRCH, "RTNETLINK answers: No such process");
    }

    static OpException invalidArgument(Op op) {
        return new OpException(op, Errno.EINVAL, "RTNETLINK answers: Invalid argument");
    }

    static OpException notSupported(Op op) {
        return new OpException(op, Errno.EOPNOTSUPP, "RTNETLINK answers: Operation not supported");
    }

    static OpException busy(Op op) {
        return new OpException(op, Errno.EBUSY, "RTNETLINK answers: Device or resource busy");
    }

    /** A netlink extended ACK: {@code Error: Nexthop has invalid gateway.} */
    static OpException extack(Op op, Errno errno, String message) {
        return new OpException(op, errno, "Error: " + message + ".");
    }

    static OpException sysctl(Op op, Errno errno, String key) {
        return errno.equals(Errno.ENOENT)
                ? new OpException(op, errno, "sysctl: cannot stat /proc/sys/" + key.replace('.', '/') + ": No such file or directory")
                : new OpException(op, errno, "sysctl: setting key \"" + key + "\": Invalid argument");
    }
}
