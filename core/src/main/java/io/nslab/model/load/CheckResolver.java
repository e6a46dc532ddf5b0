package io.nslab.model.load;

import io.nslab.model.Check;
import io.nslab.model.Expectation;
import io.nslab.model.IpAddress;
import io.nslab.model.NodeName;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Resolves checks: the pinging node, the destination (an address, a node, or node:ifname) and the expectation. */
final class CheckResolver {
    static final double DEFAULT_TIMEOUT_SECONDS = 1.0;

    private final Problems problems;
    private final Values values;

    CheckResolver(Problems problems) {
        this.problems = problems;
        this.values = new Values(problems);
    }

    Check resolve(RawCheck c, Map<String, NodeInterfaces> nodes) {
        boolean ok = true;
        if (!nodes.containsKey(c.from().value())) {
            problems.add(c.from().position(), "check pings from unknown node \"" + c.from().value() + "\"" + Suggestions.hint(c.from().value(), nodes.keySet()));
            ok = false;
        }
        IpAddress dst = destination(c.to(), nodes);
        if (c.protocol() != null) {
            return portCheck(c, dst, ok);
        }
        Expectation expect = Expectation.REPLY;
        if (c.expect() != null) {
            Optional<Expectation> e = Expectation.ofWord(c.expect().value());
            if (e.isEmpty()) {
                var words = Arrays.stream(Expectation.values()).map(Expectation::word).toList();
                problems.add(c.expect().position(), "expect must be one of " + String.join(", ", words) + ", not \""
                        + c.expect().value() + "\"" + Suggestions.hint(c.expect().value(), words));
                ok = false;
            } else {
                expect = e.get();
            }
        }
        if (c.ttl() != null && expect != Expectation.REPLY) {
            problems.add(c.ttl().position(), "ttl is the TTL of the reply; it fits only expect: reply (use send-ttl for the requests)");
            ok = false;
        }
        IpAddress errorFrom = null;
        if (c.errorFrom() != null) {
            if (expect != Expectation.UNREACHABLE && expect != Expectation.TTL_EXCEEDED) {
                problems.add(c.errorFrom().position(), "from names the sender of an ICMP error; it fits only expect: unreachable or ttl-exceeded");
                ok = false;
            } else {
                errorFrom = values.address(c.errorFrom(), "from");
                ok &= errorFrom != null;
            }
        }
        if (!ok || dst == null || NodeName.problem(c.from().value()) != null) {
            return null; // a node whose name was refused where it is declared
        }
        return new Check(NodeName.of(c.from().value()), c.to().value(), dst, expect,
                c.ttl() == null ? OptionalInt.empty() : OptionalInt.of(c.ttl().value()), Optional.ofNullable(errorFrom),
                c.count() == null ? 1 : c.count().value(), c.timeout() == null ? DEFAULT_TIMEOUT_SECONDS : c.timeout().value(),
                c.sendTtl() == null ? OptionalInt.empty() : OptionalInt.of(c.sendTtl().value()));
    }

    /** {@code tcp: ns1 -> ns2:80, expect: open}: ping's options other than timeout do not apply. */
    private Check portCheck(RawCheck c, IpAddress dst, boolean ok) {
        io.nslab.probe.PortProtocol proto = io.nslab.probe.PortProtocol.ofWord(c.protocol().value()).orElseThrow();
        for (var extra : new Located<?>[] {c.ttl(), c.errorFrom(), c.count(), c.sendTtl()}) {
            if (extra != null) {
                problems.add(extra.position(), "a " + proto.word() + " check takes expect and timeout only; ttl, from, count and "
                        + "send-ttl are ping's");
                ok = false;
            }
        }
        io.nslab.probe.PortOutcome expect = io.nslab.probe.PortOutcome.OPEN;
        if (c.expect() != null) {
            var words = io.nslab.probe.PortOutcome.of(proto).stream().map(io.nslab.probe.PortOutcome::word).toList();
            Optional<io.nslab.probe.PortOutcome> e = io.nslab.probe.PortOutcome.ofWord(c.expect().value()).filter(o -> o.fits(proto));
            if (e.isEmpty()) {
                problems.add(c.expect().position(), "expect of a " + proto.word() + " check must be one of " + String.join(", ", words)
                        + ", not \"" + c.expect().value() + "\"" + Suggestions.hint(c.expect().value(), words));
                ok = false;
            } else {
                expect = e.get();
            }
        }
        if (!ok || dst == null || NodeName.problem(c.from().value()) != null) {
            return null;
        }
        double timeout = c.timeout() == null ? io.nslab.probe.PortRequest.DEFAULT_TIMEOUT.toMillis() / 1000.0 : c.timeout().value();
        return new Check(NodeName.of(c.from().value()), c.to().value(), dst, Expectation.REPLY, OptionalInt.empty(), Optional.empty(),
                1, timeout, OptionalInt.empty(), Optional.of(new io.nslab.model.PortCheck(proto, c.port().value(), expect)));
    }

    private IpAddress destination(Located<String> to, Map<String, NodeInterfaces> nodes) {
        String t = to.value();
        if (t.isEmpty()) {
            problems.add(to.position(), "ping needs a destination after ->");
            return null;
        }
        boolean looksLikeAddress = t.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == '.' || ch == ':')
                && (t.indexOf('.') > 0 || t.indexOf("::") >= 0 || t.chars().filter(ch -> ch == ':').count() > 1);
        if (looksLikeAddress) {
            return values.address(to, "destination");
        }
        int colon = t.indexOf(':');
        String node = colon < 0 ? t : t.substring(0, colon);
        NodeInterfaces ifs = nodes.get(node);
        if (ifs == null) {
            problems.add(to.position(), "destination \"" + t + "\" is neither an address nor a node" + Suggestions.hint(node, nodes.keySet()));
            return null;
        }
        if (colon >= 0) {
            String ifname = t.substring(colon + 1);
            Optional<NodeInterfaces.Iface> iface = ifs.get(ifname);
            if (iface.isEmpty()) {
                problems.add(to.position().plus(colon + 1), "node \"" + node + "\" has no interface \"" + ifname + "\"");
                return null;
            }
            if (iface.get().addresses().isEmpty()) {
                problems.add(to.position(), "interface " + t + " has no address to ping");
                return null;
            }
            return iface.get().addresses().getFirst().address();
        }
        Optional<IpAddress> a = ifs.firstAddress();
        if (a.isEmpty()) {
            problems.add(to.position(), "node \"" + node + "\" has no address to ping");
        }
        return a.orElse(null);
    }
}
