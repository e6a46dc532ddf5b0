package io.nslab.op;

import io.nslab.model.Bridge;
import io.nslab.model.Endpoint;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.MacAddress;
import io.nslab.model.NeighbourMode;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import io.nslab.model.VethLink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lab's L2 segments and the neighbour entries they need. A segment is what one ARP broadcast
 * reaches: a veth pair, or a bridge with every veth plugged into its ports. Its members are the
 * interfaces that hold addresses on it (veth ends that are not bridge ports, and bridges). A member
 * needs one neighbour entry for every address of another member that lies in one of its own subnets
 * of the same family: that is whom it can talk to directly.
 */
public final class NeighbourSegments {

    /** An interface with addresses on a segment. */
    public record Member(NodeName node, IfName ifname, List<IpPrefix> addresses, boolean up, NeighbourMode mode,
                         Optional<MacAddress> givenMac) {
    }

    /** One entry {@code owner} needs: {@code address} of {@code peer}. */
    public record Entry(Member owner, Member peer, IpAddress address) {
    }

    private final Lab lab;
    private final List<List<Member>> segments;
    /** The MACs of members of segments with static neighbours: given by the lab, or derived. */
    private final Map<String, MacAddress> macs = new LinkedHashMap<>();

    private NeighbourSegments(Lab lab, List<List<Member>> segments) {
        this.lab = lab;
        this.segments = segments;
        if (lab != null) {
            assignMacs();
        }
    }

    public static NeighbourSegments of(Lab lab) {
        Map<String, String> parent = new HashMap<>();
        Map<String, Member> members = new LinkedHashMap<>();
        Set<String> ports = new HashSet<>();
        for (Node n : lab.nodes().values()) {
            for (Bridge b : n.bridges()) {
                for (IfName p : b.ports()) {
                    ports.add(key(n.name(), p));
                    union(parent, key(n.name(), p), key(n.name(), b.name()));
                }
            }
        }
        for (VethLink l : lab.links()) {
            union(parent, key(l.a().node(), l.a().ifname()), key(l.b().node(), l.b().ifname()));
            for (Endpoint e : l.endpoints()) {
                String k = key(e.node(), e.ifname());
                if (!ports.contains(k)) {
                    members.put(k, new Member(e.node(), e.ifname(), e.addresses(), e.up(), e.neighbours(), e.mac()));
                }
            }
        }
        for (Node n : lab.nodes().values()) {
            for (Bridge b : n.bridges()) {
                members.put(key(n.name(), b.name()), new Member(n.name(), b.name(), b.addresses(), b.up(), b.neighbours(), b.mac()));
            }
        }
        Map<String, List<Member>> byRoot = new LinkedHashMap<>();
        for (Map.Entry<String, Member> m : members.entrySet()) {
            byRoot.computeIfAbsent(find(parent, m.getKey()), k -> new ArrayList<>()).add(m.getValue());
        }
        return new NeighbourSegments(lab, List.copyOf(byRoot.values()));
    }

    /** One segment alone, to count its entries. */
    static NeighbourSegments of(List<Member> segment) {
        return new NeighbourSegments(null, List.of(segment));
    }

    /** The segments, each with its members (also those without addresses). */
    public List<List<Member>> segments() {
        return segments;
    }

    /** Calls {@code sink} for every entry the lab's members can need, static and dynamic. */
    public void forEachEntry(java.util.function.Consumer<Entry> sink) {
        for (List<Member> seg : segments) {
            for (Member owner : seg) {
                if (owner.addresses().isEmpty()) {
                    continue;
                }
                for (Member peer : seg) {
                    if (peer == owner) {
                        continue;
                    }
                    for (IpPrefix a : peer.addresses()) {
                        if (onLink(owner, a.address())) {
                            sink.accept(new Entry(owner, peer, a.address()));
                        }
                    }
                }
            }
        }
    }

    private static boolean onLink(Member owner, IpAddress address) {
        for (IpPrefix p : owner.addresses()) {
            if (p.address().family() == address.family() && p.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The permanent entries to install: those of up members with static neighbours, for up peers. */
    public List<Entry> staticEntries() {
        List<Entry> out = new ArrayList<>();
        forEachEntry(e -> {
            if (e.owner().mode() == NeighbourMode.STATIC && e.owner().up() && e.peer().up()) {
                out.add(e);
            }
        });
        return out;
    }

    /**
     * The MAC a member will have: the one the lab gives, else a derived one where some member of its
     * segment has static neighbours (they must know it in advance), else none (the kernel's random MAC).
     */
    public Optional<MacAddress> macOf(NodeName node, IfName ifname) {
        String k = key(node, ifname);
        return Optional.ofNullable(macs.get(k));
    }

    private void assignMacs() {
        Set<MacAddress> taken = new HashSet<>();
        for (List<Member> seg : segments) {
            for (Member m : seg) {
                m.givenMac().ifPresent(taken::add);
            }
        }
        for (VethLink l : lab.links()) {
            for (Endpoint e : l.endpoints()) {
                e.mac().ifPresent(taken::add);
            }
        }
        for (List<Member> seg : segments) {
            if (seg.stream().noneMatch(m -> m.mode() == NeighbourMode.STATIC && !m.addresses().isEmpty())) {
                continue;
            }
            for (Member m : seg) {
                if (m.givenMac().isPresent()) {
                    macs.put(key(m.node(), m.ifname()), m.givenMac().get());
                    continue;
                }
                for (int attempt = 0; ; attempt++) {
                    MacAddress mac = derive(lab.name() + "/" + m.node() + "/" + m.ifname() + (attempt == 0 ? "" : "#" + attempt));
                    if (taken.add(mac)) {
                        macs.put(key(m.node(), m.ifname()), mac);
                        break;
                    }
                }
            }
        }
    }

    /** {@code 02:xx:xx:xx:xx:xx}: locally administered, unicast, from a hash of {@code what}. */
    static MacAddress derive(String what) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(what.getBytes(StandardCharsets.UTF_8));
            long bits = 0x02L << 40;
            for (int i = 0; i < 5; i++) {
                bits |= (h[i] & 0xffL) << (32 - 8 * i);
            }
            return new MacAddress(bits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String key(NodeName node, IfName ifname) {
        return node.value() + "\0" + ifname.value();
    }

    private static String find(Map<String, String> parent, String k) {
        String root = k;
        while (parent.containsKey(root)) {
            root = parent.get(root);
        }
        String cur = k;
        while (parent.containsKey(cur) && !parent.get(cur).equals(root)) {
            String next = parent.get(cur);
            parent.put(cur, root);
            cur = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }
}
