package io.nslab.script;

/**
 * {@code ip -br link} and {@code ip -br addr}: one line per link, made from the full listing iproute2 would print
 * without {@code -br}: the name (with {@code @peer}) in 16 columns, the operational state in 14, then the MAC
 * and flags, or the addresses; each field followed by a space, as iproute2's print_string leaves it.
 */
final class IpBrief {
    private IpBrief() {
    }

    /** The brief form of a full {@code ip link} (or {@code ip addr}, for {@code addresses}) listing. */
    static String of(String full, boolean addresses) {
        StringBuilder out = new StringBuilder();
        for (String block : full.split("(?m)^(?=\\d+: )")) {
            if (block.isBlank()) {
                continue;
            }
            String[] lines = block.split("\n");
            String header = lines[0];
            int colon = header.indexOf(": ");
            int flagsAt = header.indexOf(": <", colon + 1);
            String name = header.substring(colon + 2, flagsAt);
            String flags = header.substring(flagsAt + 2, header.indexOf('>', flagsAt) + 1);
            int st = header.indexOf(" state ");
            String state = st < 0 ? "UNKNOWN" : header.substring(st + 7).split(" ")[0];
            out.append(String.format("%-16s %-14s ", name, state));
            if (addresses) {
                for (int i = 1; i < lines.length; i++) {
                    String l = lines[i].strip();
                    if (l.startsWith("inet ") || l.startsWith("inet6 ")) {
                        out.append(l.split(" ")[1]).append(' ');
                    }
                }
            } else {
                String mac = "";
                for (int i = 1; i < lines.length; i++) {
                    String l = lines[i].strip();
                    if (l.startsWith("link/")) {
                        String[] w = l.split(" ");
                        mac = w.length > 1 ? w[1] : "";
                    }
                }
                out.append(mac).append(' ').append(flags).append(' ');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
