package io.nslab.model.load;

import io.nslab.model.Hostname;
import io.nslab.model.Isolation;
import io.nslab.model.NamespaceKind;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Merges a node's settings over the lab's defaults into sysctls and isolation, reporting what cannot be. */
final class SettingsResolver {
    private static final Set<String> KIND_WORDS = Set.of("uts", "pid", "mount", "ipc", "user", "cgroup", "time");

    private final Problems problems;

    SettingsResolver(Problems problems) {
        this.problems = problems;
    }

    boolean loopbackUp(RawSettings node, RawSettings defaults) {
        Located<Boolean> v = node.loopbackUp() != null ? node.loopbackUp() : defaults.loopbackUp();
        return v == null || v.value();
    }

    /**
     * The node's sysctls by dotted key: the defaults' layer, then the node's layer over it. In
     * each layer the shorthands ({@code forwarding}, {@code ipv6-forwarding}, {@code rp-filter})
     * come first and explicit keys may not contradict them.
     */
    /** The sysctls of the defaults block, resolved once for every node. */
    Map<String, String> defaultSysctls(RawSettings d) {
        Map<String, String> values = new LinkedHashMap<>();
        layer(d, null, "defaults").forEach((k, v) -> values.put(k, v.value()));
        return values;
    }

    /** What the defaults block may not hold: a hostname, which would name every node alike. */
    void checkDefaults(RawSettings d) {
        if (d.hostname() != null) {
            problems.add(d.hostname().position(), "hostname belongs under a node, not in defaults: each node's hostname is its own "
                    + "(with uts in namespaces it is the node's name)");
        }
    }

    Map<String, String> sysctls(String node, RawSettings n, Map<String, String> defaults, NodeInterfaces interfaces) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        layer(n, interfaces, "node \"" + node + "\"").forEach((k, v) -> {
            values.remove(k);
            values.put(k, v.value());
        });
        return values;
    }

    private Map<String, Located<String>> layer(RawSettings s, NodeInterfaces interfaces, String where) {
        Map<String, Located<String>> out = new LinkedHashMap<>();
        shorthand(out, "net.ipv4.ip_forward", s.forwarding());
        shorthand(out, "net.ipv6.conf.all.forwarding", s.ipv6Forwarding());
        Located<String> rp = s.rpFilter();
        if (rp != null) {
            String v = switch (rp.value()) {
                case "off", "0" -> "0";
                case "strict", "1" -> "1";
                case "loose", "2" -> "2";
                default -> {
                    problems.add(rp.position(), "rp-filter must be off, strict or loose, not \"" + rp.value() + "\"");
                    yield null;
                }
            };
            if (v != null) {
                out.put("net.ipv4.conf.all.rp_filter", new Located<>(v, rp.position()));
            }
        }
        for (Map.Entry<Located<String>, Located<String>> e : s.sysctls().entrySet()) {
            String key = SysctlKeys.normalize(e.getKey().value());
            String problem = SysctlKeys.problem(key, e.getValue().value());
            if (problem != null) {
                problems.add(problem.startsWith("unsupported") ? e.getKey().position() : e.getValue().position(), problem);
                continue;
            }
            Optional<String> dev = SysctlKeys.interfaceOf(key);
            if (dev.isPresent() && interfaces == null) {
                problems.add(e.getKey().position(), "sysctl " + key + " names interface \"" + dev.get()
                        + "\"; per-interface sysctls belong under a node, not in " + where);
                continue;
            }
            if (dev.isPresent() && !interfaces.has(dev.get())) {
                problems.add(e.getKey().position(), "sysctl " + key + " names interface \"" + dev.get() + "\", which " + where
                        + " does not have" + Suggestions.hint(dev.get(), interfaces.all().stream().map(NodeInterfaces.Iface::name).toList()));
                continue;
            }
            Located<String> earlier = out.get(key);
            if (earlier != null && !earlier.value().equals(e.getValue().value())) {
                problems.add(e.getValue().position(), "sysctl " + key + " = " + e.getValue().value() + " contradicts "
                        + earlier.value() + " set at " + earlier.position().lineColumn());
                continue;
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    Isolation isolation(String node, RawSettings n, RawSettings d) {
        List<Located<String>> words = n.namespacesGiven() ? n.namespaces() : d.namespaces();
        Set<NamespaceKind> kinds = EnumSet.noneOf(NamespaceKind.class);
        Position uts = null;
        for (Located<String> w : words) {
            if (w.value().equals("net") || w.value().equals("network")) {
                problems.add(w.position(), "every node has its own network namespace; leave \"" + w.value() + "\" out of namespaces");
                continue;
            }
            if (!KIND_WORDS.contains(w.value())) {
                problems.add(w.position(), "unknown namespace kind \"" + w.value() + "\"" + Suggestions.hint(w.value(), KIND_WORDS)
                        + "; kinds are uts, pid, mount, ipc, user, cgroup, time");
                continue;
            }
            kinds.add(NamespaceKind.valueOf(w.value().toUpperCase(java.util.Locale.ROOT)));
            if (w.value().equals("uts")) {
                uts = w.position();
            }
        }
        Located<String> hostname = n.hostname();
        Optional<Hostname> host = Optional.empty();
        if (hostname != null) {
            String problem = Hostname.problem(hostname.value());
            if (!kinds.contains(NamespaceKind.UTS)) {
                problems.add(hostname.position(), "hostname needs the node's own UTS namespace: add uts to namespaces");
            } else if (problem != null) {
                problems.add(hostname.position(), problem);
            } else {
                host = Optional.of(Hostname.of(hostname.value()));
            }
        } else if (uts != null && io.nslab.model.NodeName.problem(node) == null) {
            // the node's name stands in for its hostname, and a node name may hold '_' or end in '-' or '.'
            // (a name that is no node name at all is reported once, as that)
            String problem = Hostname.problem(node);
            if (problem != null) {
                problems.add(uts, "node \"" + node + "\" needs a hostname: with uts it would be its name, and " + problem);
            } else {
                host = Optional.of(Hostname.of(node));
            }
        }
        Located<Integer> mono = n.monotonicOffset() != null ? n.monotonicOffset() : d.monotonicOffset();
        Located<Integer> boot = n.boottimeOffset() != null ? n.boottimeOffset() : d.boottimeOffset();
        for (Located<Integer> off : new Located[] {mono, boot}) {
            if (off != null && !kinds.contains(NamespaceKind.TIME)) {
                problems.add(off.position(), "time-offsets need the node's own time namespace: add time to namespaces");
            }
        }
        if (kinds.contains(NamespaceKind.PID)) {
            kinds.add(NamespaceKind.MOUNT); // PID 1 needs its own /proc, which needs a mount namespace
        }
        RawLimits raw = n.limits() != null ? n.limits() : d.limits();
        Located<Boolean> hosts = n.hostsFile() != null ? n.hostsFile() : d.hostsFile();
        List<Located<String>> ns = !n.nameservers().isEmpty() ? n.nameservers() : d.nameservers();
        List<io.nslab.model.IpAddress> nameservers = new java.util.ArrayList<>();
        Values values = new Values(problems);
        for (Located<String> a : ns) {
            io.nslab.model.IpAddress ip = values.address(a, "nameserver");
            if (ip != null) {
                nameservers.add(ip);
            }
        }
        boolean etc = (hosts != null && hosts.value()) || !nameservers.isEmpty();
        if (etc && !kinds.contains(NamespaceKind.MOUNT)) {
            Position at = hosts != null && hosts.value() ? hosts.position() : ns.getFirst().position();
            problems.add(at, "hosts-file and nameservers need the node's own mount namespace: add mount to namespaces");
        }
        return new Isolation(kinds, host, mono == null ? 0 : mono.value(), boot == null ? 0 : boot.value(), limits(raw),
                hosts != null && hosts.value(), nameservers);
    }

    private io.nslab.model.Limits limits(RawLimits raw) {
        if (raw == null) {
            return io.nslab.model.Limits.NONE;
        }
        java.util.OptionalLong memory = java.util.OptionalLong.empty();
        if (raw.memory() != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,12})([KMG]?)").matcher(raw.memory().value());
            if (m.matches()) {
                long unit = switch (m.group(2)) {
                    case "K" -> 1L << 10;
                    case "M" -> 1L << 20;
                    case "G" -> 1L << 30;
                    default -> 1;
                };
                long bytes = Long.parseLong(m.group(1)) * unit;
                if (bytes < (4L << 20)) {
                    problems.add(raw.memory().position(), "memory limit " + raw.memory().value() + " is below 4M; a node could not even start");
                } else {
                    memory = java.util.OptionalLong.of(bytes);
                }
            } else {
                problems.add(raw.memory().position(), "memory must be a size like 64M, 512K or 1G, not \"" + raw.memory().value() + "\"");
            }
        }
        java.util.OptionalInt quota = java.util.OptionalInt.empty();
        if (raw.cpuQuota() != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,5})%").matcher(raw.cpuQuota().value());
            if (m.matches() && Integer.parseInt(m.group(1)) >= 1) {
                quota = java.util.OptionalInt.of(Integer.parseInt(m.group(1)));
            } else {
                problems.add(raw.cpuQuota().position(), "cpu-quota must be a percentage of one CPU like 50% or 200%, not \""
                        + raw.cpuQuota().value() + "\"");
            }
        }
        return new io.nslab.model.Limits(memory,
                raw.cpuWeight() == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(raw.cpuWeight().value()),
                quota, raw.pids() == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(raw.pids().value()));
    }

    private static void shorthand(Map<String, Located<String>> out, String key, Located<Boolean> v) {
        if (v != null) {
            out.put(key, new Located<>(v.value() ? "1" : "0", v.position()));
        }
    }
}
