package io.nslab.script;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.MacAddress;
import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.state.AddressScope;
import io.nslab.state.AddressState;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.OperState;

import java.util.List;
import java.util.Optional;

/**
 * net-tools' {@code ifconfig}: the listing (devices that are up, {@code -a} all, or one) and the settings tutorials
 * use: an address (the kernel's SIOCSIFADDR: it replaces the device's primary IPv4 address, with the classful
 * mask and its broadcast; {@code 0} removes it), {@code netmask}, {@code broadcast}, {@code up}, {@code down},
 * {@code mtu} and {@code hw ether}. The packet counters are not modelled: they are shown as zero, and a comparison
 * masks them (the kernel's count IPv6's own chatter).
 */
final class IfconfigCommand {
    private static final String HELP = "ifconfig: `--help' gives usage information.\n";

    private IfconfigCommand() {
    }

    static int run(Invocation inv) {
        List<String> a = inv.argv().subList(1, inv.argv().size());
        if (a.contains("-s")) {
            return IfconfigShort.run(inv, a);
        }
        if (a.isEmpty() || a.size() == 1 && a.getFirst().equals("-a")) {
            boolean all = !a.isEmpty();
            NamespaceState ns = inv.world().namespace(inv.netns());
            StringBuilder out = new StringBuilder();
            for (LinkState l : ns.links()) {
                if (all || l.adminUp()) {
                    out.append(block(inv, ns, l));
                }
            }
            inv.out(out.toString());
            return 0;
        }
        if (a.getFirst().startsWith("-")) {
            inv.err("nslab script: ifconfig " + a.getFirst() + " is not simulated (the listing, -a, -s and one device are)\n");
            return 2;
        }
        String dev = a.getFirst();
        NamespaceState ns = inv.world().namespace(inv.netns());
        Optional<LinkState> link = ns.links().stream().filter(l -> l.name().value().equals(dev)).findFirst();
        if (a.size() == 1) {
            if (link.isEmpty()) {
                inv.err(dev + ": error fetching interface information: Device not found\n");
                return 1;
            }
            inv.out(block(inv, ns, link.get()));
            return 0;
        }
        if (link.isEmpty()) {
            inv.err(dev + ": ERROR while getting interface flags: No such device\n");
            return 255;
        }
        return set(inv, dev, a.subList(1, a.size()));
    }

    private static int set(Invocation inv, String dev, List<String> a) {
        NamespaceRef netns = inv.netns();
        IfName name = IfName.of(dev);
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            String v = i + 1 < a.size() ? a.get(i + 1) : null;
            try {
                switch (w) {
                    case "up" -> inv.world().apply(new Op.SetLinkState(netns, name, true));
                    case "down" -> inv.world().apply(new Op.SetLinkState(netns, name, false));
                    case "mtu" -> {
                        inv.world().apply(new Op.SetMtu(netns, name, Integer.parseInt(need(v, w))));
                        i++;
                    }
                    case "hw" -> {
                        if (!"ether".equals(v) || i + 2 >= a.size()) {
                            return help(inv);
                        }
                        inv.world().apply(new Op.SetMac(netns, name, MacAddress.parse(a.get(i + 2))));
                        i += 2;
                    }
                    case "netmask" -> {
                        IpAddress mask = AddressSyntax.inetAton(need(v, w), true).orElse(null);
                        if (mask == null) {
                            inv.err(v + ": Unknown host\n" + HELP);
                            return 1;
                        }
                        netmask(inv, dev, mask);
                        i++;
                    }
                    case "broadcast" -> {
                        Optional<AddressState> primary = primary(inv, dev);
                        IpAddress brd = AddressSyntax.inetAton(need(v, w), true).orElse(null);
                        if (brd == null) {
                            inv.err(v + ": Unknown host\n" + HELP);
                            return 1;
                        }
                        if (primary.isPresent()) {
                            inv.world().extras().setBroadcast(netns, inv.world().indexOf(netns, dev), primary.get().address(), brd);
                        }
                        i++;
                    }
                    default -> {
                        int status = address(inv, dev, w);
                        if (status != 0) {
                            return status;
                        }
                    }
                }
            } catch (OpException e) {
                inv.err(ioctlError(w, e.kernelMessage()));
                return 255;
            }
        }
        return 0;
    }

    private static String need(String v, String keyword) {
        if (v == null) {
            throw new IllegalArgumentException(keyword + " needs a value");
        }
        return v;
    }

    private static int help(Invocation inv) {
        inv.err(HELP);
        return 1;
    }

    private static String ioctlError(String keyword, String kernel) {
        String why = kernel.replaceFirst("^RTNETLINK answers: ", "").replaceFirst("^Error: ", "");
        String ioctl = switch (keyword) {
            case "up", "down" -> "SIOCSIFFLAGS";
            case "mtu" -> "SIOCSIFMTU";
            case "hw" -> "SIOCSIFHWADDR";
            default -> "SIOCSIFADDR";
        };
        return ioctl + ": " + why + "\n";
    }

    private static Optional<AddressState> primary(Invocation inv, String dev) {
        return inv.world().namespace(inv.netns()).addresses().stream()
                .filter(s -> s.dev().value().equals(dev) && s.address().address().isV4() && !s.secondary()).findFirst();
    }

    /** SIOCSIFADDR: the new address replaces the primary, with the mask of its class and that mask's broadcast. */
    private static int address(Invocation inv, String dev, String text) throws OpException {
        String addr = text;
        Integer length = null;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            addr = text.substring(0, slash);
            length = Integer.parseInt(text.substring(slash + 1));
        }
        IpAddress ip = AddressSyntax.inetAton(addr, true).orElse(null);
        if (ip == null) {
            inv.err(addr + ": Host name lookup failure\n" + HELP);
            return 1;
        }
        NamespaceRef netns = inv.netns();
        int index = inv.world().indexOf(netns, dev);
        Optional<AddressState> primary = primary(inv, dev);
        if (primary.isPresent() && primary.get().address().address().equals(ip)) {
            // the kernel keeps an address set to itself as it was
        } else {
            if (primary.isPresent()) {
                inv.world().extras().setBroadcast(netns, index, primary.get().address(), null);
                inv.world().apply(new Op.DeleteAddress(netns, IfName.of(dev), primary.get().address()));
            }
            if (ip.v4bits() == 0) {
                return 0;
            }
            IpPrefix p = new IpPrefix(ip, classful(ip));
            inv.world().apply(new Op.AddAddress(netns, IfName.of(dev), p));
            if (p.length() < 31) {
                inv.world().extras().setBroadcast(netns, index, p, ip.broadcast(p.length()));
            }
        }
        if (length != null) {
            netmask(inv, dev, new IpPrefix(IpAddress.v4(0), length).netmask());
        }
        return 0;
    }

    /** inet_abc_len: 8, 16 or 24 bits by the address's class. */
    private static int classful(IpAddress ip) {
        int first = ip.v4bits() >>> 24;
        return first < 128 ? 8 : first < 192 ? 16 : 24;
    }

    /** SIOCSIFNETMASK: a new prefix length for the primary, its broadcast recomputed when it was the old mask's. */
    private static void netmask(Invocation inv, String dev, IpAddress mask) throws OpException {
        Optional<AddressState> primary = primary(inv, dev);
        if (primary.isEmpty()) {
            return;
        }
        int length = Integer.bitCount(mask.v4bits());
        IpPrefix old = primary.get().address();
        if (old.length() == length) {
            return;
        }
        NamespaceRef netns = inv.netns();
        int index = inv.world().indexOf(netns, dev);
        IpAddress brd = inv.world().extras().broadcast(netns, index, old);
        IpPrefix p = new IpPrefix(old.address(), length);
        inv.world().extras().setBroadcast(netns, index, old, null);
        inv.world().apply(new Op.DeleteAddress(netns, IfName.of(dev), old));
        inv.world().apply(new Op.AddAddress(netns, IfName.of(dev), p));
        if (brd != null && brd.equals(old.address().broadcast(old.length())) && length < 31) {
            brd = p.address().broadcast(length);
        }
        inv.world().extras().setBroadcast(netns, index, p, brd);
    }

    private static String block(Invocation inv, NamespaceState ns, LinkState l) {
        boolean loopback = l.kind() == LinkKind.LOOPBACK;
        boolean running = l.adminUp() && (l.operState() == OperState.UP || l.operState() == OperState.UNKNOWN);
        int flags = (l.adminUp() ? 1 : 0) | (loopback ? 8 : 2) | (running ? 0x40 : 0) | (loopback ? 0 : 0x1000);
        StringBuilder names = new StringBuilder();
        String[][] known = {{"1", "UP"}, {"2", "BROADCAST"}, {"8", "LOOPBACK"}, {"64", "RUNNING"}, {"4096", "MULTICAST"}};
        for (String[] k : known) {
            if ((flags & Integer.parseInt(k[0])) != 0) {
                names.append(names.isEmpty() ? "" : ",").append(k[1]);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(l.name().value()).append(": flags=").append(flags).append('<').append(names).append(">  mtu ").append(l.mtu()).append('\n');
        List<AddressState> addresses = ns.addresses().stream().filter(s -> s.dev().equals(l.name())).toList();
        addresses.stream().filter(s -> s.address().address().isV4() && !s.secondary()).findFirst().ifPresent(s -> {
            sb.append("        inet ").append(s.address().address()).append("  netmask ").append(s.address().netmask());
            if (!loopback) {
                IpAddress brd = inv.world().extras().broadcast(inv.netns(), l.index(), s.address());
                sb.append("  broadcast ").append(brd == null ? "0.0.0.0" : brd.toString());
            }
            sb.append('\n');
        });
        for (AddressState s : addresses) {
            if (!s.address().address().isV4()) {
                sb.append(inet6(s.address().address(), s.address().length(), s.scope()));
            }
        }
        if (!loopback && l.adminUp() && inv.world().network().ipv6Ready(inv.netns(), l.name())) {
            sb.append(inet6(linkLocal(l.mac()), 64, AddressScope.LINK));
        }
        if (loopback) {
            sb.append("        loop  txqueuelen 1000  (Local Loopback)\n");
        } else {
            sb.append("        ether ").append(l.mac()).append("  txqueuelen 1000  (Ethernet)\n");
        }
        sb.append("""
                        RX packets 0  bytes 0 (0.0 B)
                        RX errors 0  dropped 0  overruns 0  frame 0
                        TX packets 0  bytes 0 (0.0 B)
                        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

                """);
        return sb.toString();
    }

    private static String inet6(IpAddress a, int length, AddressScope scope) {
        String id = switch (scope) {
            case HOST -> "0x10<host>";
            case LINK -> "0x20<link>";
            default -> "0x0<global>";
        };
        return "        inet6 " + a + "  prefixlen " + length + "  scopeid " + id + "\n";
    }

    /** addrconf's EUI-64 link-local address from a MAC: fe80::, the universal/local bit flipped, ff:fe in the middle. */
    static IpAddress linkLocal(MacAddress mac) {
        long m = mac.bits();
        long eui = ((m >>> 24) << 40 | 0xfffeL << 24 | (m & 0xffffff)) ^ (0x02L << 56);
        return new IpAddress(io.nslab.model.Family.INET6, 0xfe80L << 48, eui);
    }
}
