package io.nslab.script;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.state.AddressScope;
import io.nslab.state.AddressState;

import java.util.List;

/** {@code ip addr add|del|show|flush}, with ipaddress.c's keyword prefixes. */
final class IpAddrCommand {
    private IpAddrCommand() {
    }

    static int run(Invocation inv, IpCommand.Globals g) {
        List<String> a = inv.argv();
        String cmd = a.isEmpty() ? "show" : a.getFirst();
        List<String> rest = a.isEmpty() ? List.of() : a.subList(1, a.size());
        if (IpCommand.matches(cmd, "add") || IpCommand.matches(cmd, "delete")) {
            boolean add = IpCommand.matches(cmd, "add");
            String prefix = null;
            String dev = null;
            String brd = null;
            boolean nodad = false;
            String label = null;
            String validLft = "forever";
            String preferredLft = null;
            for (int i = 0; i < rest.size(); i++) {
                String w = rest.get(i);
                if (w.equals("label") && i + 1 < rest.size()) {
                    label = rest.get(++i);
                } else if ((w.equals("valid_lft") || w.equals("preferred_lft")) && i + 1 < rest.size()) {
                    String v = rest.get(++i);
                    if (!v.equals("forever") && !v.matches("[0-9]{1,10}")) {
                        inv.err("Error: argument \"" + v + "\" is wrong: " + w + " value\n");
                        return 255;
                    }
                    if (w.equals("valid_lft")) {
                        validLft = v;
                    } else {
                        preferredLft = v;
                    }
                } else if (w.equals("nodad")) {
                    // a flag of the request as far as it is known: the family -6 gave, or that of the address before it
                    boolean v6 = g.family() == io.nslab.model.Family.INET6
                            || prefix != null && AddressSyntax.ipPrefix(prefix).map(p -> !p.address().isV4()).orElse(false);
                    if (v6) {
                        nodad = true;
                    } else {
                        inv.err("Warning: nodad option can be set only for IPv6 addresses\n");
                    }
                } else if (w.equals("dev") && i + 1 < rest.size()) {
                    dev = rest.get(++i);
                } else if ((w.equals("brd") || IpCommand.matches(w, "broadcast")) && i + 1 < rest.size()) {
                    brd = rest.get(++i);
                } else if (IpCommand.matches(w, "local") && i + 1 < rest.size()) {
                    prefix = rest.get(++i);
                } else if (prefix == null) {
                    prefix = w;
                } else {
                    inv.err("nslab script: ip addr option \"" + w + "\" is not simulated\n");
                    return 2;
                }
            }
            if (dev == null) {
                inv.err("Not enough information: \"dev\" argument is required.\n");
                return 1;
            }
            // a valid_lft alone leaves preferred_lft forever, which is longer: ip refuses that itself
            if (!validLft.equals("forever") && (preferredLft == null || preferredLft.equals("forever"))) {
                inv.err("preferred_lft is greater than valid_lft\n");
                return 1;
            }
            if (!validLft.equals("forever") || preferredLft != null && !preferredLft.equals("forever")) {
                inv.err("nslab script: addresses that expire (valid_lft, preferred_lft other than forever) are not simulated\n");
                return 2;
            }
            if (prefix == null) {
                inv.err("RTNETLINK answers: Operation not supported\n");
                return 2;
            }
            IpPrefix p = AddressSyntax.ipPrefix(prefix).orElse(null);
            if (p == null) {
                inv.err("Error: " + IpCommand.familyWords(g.family()) + " prefix is expected rather than \"" + prefix + "\".\n");
                return 1;
            }
            if (IpLinkCommand.find(inv, dev).isEmpty()) {
                inv.err("Cannot find device \"" + dev + "\"\n");
                return 1;
            }
            // the kernel's netlink policy: a label is a device name, at most 15 bytes (IPv6 addresses take none, and ignore it)
            if (add && label != null && p.address().isV4() && label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15) {
                inv.err("Error: Attribute failed policy validation.\n");
                return 2;
            }
            IpAddress broadcast = null;
            if (brd != null && add && p.address().isV4()) {
                // "+" sets the host bits, "-" clears them (iproute2's ipaddr_modify), else an address
                broadcast = brd.equals("+") ? p.address().broadcast(p.length()) : brd.equals("-") ? p.address().masked(p.length())
                        : AddressSyntax.ip(brd).orElseThrow(() -> new IllegalArgumentException("invalid broadcast address"));
            }
            Op op = add ? new Op.AddAddress(inv.netns(), IfName.of(dev), p) : new Op.DeleteAddress(inv.netns(), IfName.of(dev), p);
            int status = IpNetnsCommand.apply(inv, op);
            if (status == 0) {
                inv.world().extras().setBroadcast(inv.netns(), inv.world().indexOf(inv.netns(), dev), p, broadcast);
                inv.world().extras().setLabel(inv.netns(), inv.world().indexOf(inv.netns(), dev), p,
                        add && p.address().isV4() ? label : null);
                if (add && nodad && !p.address().isV4()) {
                    inv.world().dad().added(inv.world().network(), inv.netns(), IfName.of(dev), p, true);
                }
            }
            return status;
        }
        if (IpCommand.matches(cmd, "flush")) {
            String dev = rest.isEmpty() ? null : rest.getFirst().equals("dev") && rest.size() > 1 ? rest.get(1) : rest.getFirst();
            if (dev == null) {
                inv.err("Flush requires arguments.\n");
                return 255;
            }
            if (IpLinkCommand.find(inv, dev).isEmpty()) {
                inv.err("Device \"" + dev + "\" does not exist.\n");
                return 1;
            }
            for (AddressState s : inv.world().namespace(inv.netns()).addresses()) {
                IpAddress addr = s.address().address();
                boolean wanted = s.dev().value().equals(dev) && (g.family() == null || g.family() == addr.family())
                        && !(s.scope() == AddressScope.LINK && !addr.isV4());
                if (wanted) {
                    try {
                        inv.world().apply(new Op.DeleteAddress(inv.netns(), s.dev(), s.address()));
                    } catch (OpException e) {
                        // already gone with its primary: deleting a primary also deletes its secondaries
                    }
                }
            }
            return 0;
        }
        if (IpCommand.matches(cmd, "show") || IpCommand.matches(cmd, "list") || IpCommand.matches(cmd, "lst")) {
            return IpLinkCommand.show(inv, g, rest, true);
        }
        inv.err("Command \"" + cmd + "\" is unknown, try \"ip address help\".\n");
        return 255;
    }
}
