package io.nslab.script;

import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ethtool's parts tutorials use: {@code -i} (driver information), the settings listing, and {@code -K} for the
 * offloads a veth is set up with: {@code tx off} (checksums, with the segmentation offloads that depend on them;
 * ethtool lists what changed besides what was asked), and {@code rx}, {@code sg}, {@code tso}, {@code gso},
 * {@code gro} off, which print nothing. Offloads change no packet's fate here; what is not modelled is refused.
 */
final class EthtoolCommand {
    private static final String NO_DEVICE = "netlink error: no device matches name (offset 24)\nnetlink error: No such device\n";

    private EthtoolCommand() {
    }

    static int run(Invocation inv) {
        List<String> a = inv.argv().subList(1, inv.argv().size());
        if (a.isEmpty()) {
            inv.err("ethtool: bad command line argument(s)\nFor more information run ethtool -h\n");
            return 1;
        }
        String opt = a.getFirst();
        if (!opt.startsWith("-") && a.size() == 1) {
            return settings(inv, opt);
        }
        if ((opt.equals("-i") || opt.equals("--driver")) && a.size() == 2) {
            return driver(inv, a.get(1));
        }
        if ((opt.equals("-k") || opt.equals("--show-features") || opt.equals("--show-offload")) && a.size() == 2) {
            return showFeatures(inv, a.get(1));
        }
        if ((opt.equals("-K") || opt.equals("--features") || opt.equals("--offload")) && a.size() >= 2) {
            return features(inv, a.get(1), a.subList(2, a.size()));
        }
        inv.err("nslab script: ethtool " + String.join(" ", a) + " is not simulated (-i, -k, -K and the settings of a device are)\n");
        return 2;
    }

    private static Optional<LinkState> link(Invocation inv, String dev) {
        return inv.world().namespace(inv.netns()).links().stream().filter(l -> l.name().value().equals(dev)).findFirst();
    }

    private static int driver(Invocation inv, String dev) {
        Optional<LinkState> l = link(inv, dev);
        if (l.isEmpty()) {
            inv.err("Cannot get driver information: No such device\n");
            return 71;
        }
        String[] info = switch (l.get().kind()) {
            case VETH -> new String[] {"veth", "1.0", "", "", "", "yes"};
            case BRIDGE -> new String[] {"bridge", "2.3", "N/A", "", "N/A", "no"};
            case LOOPBACK, OTHER -> null;
        };
        if (info == null) {
            inv.err("Cannot get driver information: Operation not supported\n");
            return 71;
        }
        inv.out("driver: " + info[0] + "\nversion: " + info[1] + "\nfirmware-version: " + info[2] + "\nexpansion-rom-version: " + info[3]
                + "\nbus-info: " + info[4] + "\nsupports-statistics: " + info[5] + "\nsupports-test: no\nsupports-eeprom-access: no\n"
                + "supports-register-dump: no\nsupports-priv-flags: no\n");
        return 0;
    }

    private static int settings(Invocation inv, String dev) {
        Optional<LinkState> l = link(inv, dev);
        if (l.isEmpty()) {
            inv.err(NO_DEVICE.repeat(5) + "No data available\n");
            return 75;
        }
        String detected = "\tLink detected: " + (l.get().carrier() || l.get().kind() == LinkKind.LOOPBACK && l.get().adminUp() ? "yes" : "no") + "\n";
        String common = """
                \tSupported ports: [  ]
                \tSupported link modes:   Not reported
                \tSupported pause frame use: No
                \tSupports auto-negotiation: No
                \tSupported FEC modes: Not reported
                \tAdvertised link modes:  Not reported
                \tAdvertised pause frame use: No
                \tAdvertised auto-negotiation: No
                \tAdvertised FEC modes: Not reported
                """;
        String body = switch (l.get().kind()) {
            case VETH -> common + "\tSpeed: 10000Mb/s\n\tDuplex: Full\n\tAuto-negotiation: off\n\tPort: Twisted Pair\n\tPHYAD: 0\n"
                    + "\tTransceiver: internal\n\tMDI-X: Unknown\n";
            case BRIDGE -> common + "\tSpeed: Unknown!\n\tDuplex: Unknown! (255)\n\tAuto-negotiation: off\n\tPort: Other\n\tPHYAD: 0\n"
                    + "\tTransceiver: internal\n";
            case LOOPBACK, OTHER -> "";
        };
        inv.out("Settings for " + dev + ":\n" + body + detected);
        return 0;
    }

    private static int showFeatures(Invocation inv, String dev) {
        Optional<LinkState> l = link(inv, dev);
        if (l.isEmpty()) {
            inv.err(NO_DEVICE);
            return 1;
        }
        String text = EthtoolFeatures.listing(inv, l.get());
        if (text == null) {
            inv.err("nslab script: ethtool -k " + dev + " is not simulated (a veth's and a bridge's of veths are)\n");
            return 2;
        }
        inv.out(text);
        return 0;
    }

    private static int features(Invocation inv, String dev, List<String> words) {
        Optional<LinkState> l = link(inv, dev);
        if (l.isEmpty()) {
            inv.err(NO_DEVICE);
            return 92;
        }
        if (words.isEmpty() || words.size() % 2 != 0) {
            inv.err("ethtool (-K): flag '(null)' for parameter '(null)' is not followed by 'on' or 'off'\n");
            return 1;
        }
        if (l.get().kind() != LinkKind.VETH) {
            inv.err("nslab script: ethtool -K of a " + l.get().kind().name().toLowerCase(java.util.Locale.ROOT) + " is not simulated (a veth's is)\n");
            return 2;
        }
        Set<String> off = inv.world().extras().offloadsOff(inv.netns(), l.get().index());
        boolean txOffNow = false;
        boolean tsoWasOn = !off.contains("tso");
        boolean rxWasOn = !off.contains("rx");
        for (int i = 0; i < words.size(); i += 2) {
            String f = words.get(i);
            String v = words.get(i + 1);
            if (!Set.of("rx", "tx", "sg", "tso", "gso", "gro").contains(f)) {
                inv.err("netlink error: bit name not found (offset 52)\nnetlink error: Operation not supported\n");
                return 92;
            }
            if (f.equals("gro")) {
                // a veth's GRO is off until asked for: -k shows what was asked last
                if (v.equals("on") || v.equals("off")) {
                    off.remove("gro");
                    if (v.equals("on")) {
                        off.add(EthtoolFeatures.GRO_ON);
                    } else {
                        off.remove(EthtoolFeatures.GRO_ON);
                    }
                    continue;
                }
            }
            if (v.equals("on")) {
                if (f.equals("rx") || !off.contains(f)) {
                    off.remove(f);
                    continue;
                }
                inv.err("nslab script: ethtool -K " + dev + " " + f + " on after off is not simulated\n");
                return 2;
            }
            if (!v.equals("off")) {
                inv.err("ethtool (-K): flag '" + f + "' for parameter '" + f + "' is not followed by 'on' or 'off'\n");
                return 1;
            }
            if (f.equals("tx") && !off.contains("tx")) {
                txOffNow = true;
            }
            off.add(f);
        }
        if (txOffNow) {
            // the checksum offloads go, and with them the segmentation offloads that need them
            StringBuilder sb = new StringBuilder("Actual changes:\ntx-checksum-ip-generic: off\n");
            if (tsoWasOn) {
                String why = words.contains("tso") ? "\n" : " [not requested]\n";
                for (String tcp : List.of("tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation")) {
                    sb.append(tcp).append(": off").append(why);
                }
            }
            sb.append("tx-udp-segmentation: off [not requested]\ntx-checksum-sctp: off\n");
            int rx = words.indexOf("rx");
            if (rxWasOn && rx >= 0 && rx % 2 == 0 && words.get(rx + 1).equals("off")) {
                sb.append("rx-checksum: off\n"); // asked for, and listed once the list is printed at all
            }
            inv.out(sb.toString());
        }
        return 0;
    }
}
