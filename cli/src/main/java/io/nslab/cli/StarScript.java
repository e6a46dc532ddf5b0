package io.nslab.cli;

/**
 * The star of {@link StarLab} as a tutorial writes it in shell (bench/kernel/star.py's shell form): a line per ip
 * command, namespaces {@code NAME-r} and {@code NAME-hK}, forwarding on the router at the end.
 */
final class StarScript {
    private StarScript() {
    }

    static String text(String name, int hosts) {
        String r = name + "-r";
        StringBuilder sb = new StringBuilder("ip netns add " + r + "\nip -n " + r + " link set lo up\n");
        for (int i = 0; i < hosts; i++) {
            int base = i * 4;
            String net = "10." + (base >> 16 & 255) + "." + (base >> 8 & 255) + ".";
            int last = base & 255;
            String h = name + "-h" + i;
            sb.append("ip netns add ").append(h).append('\n')
                    .append("ip -n ").append(h).append(" link add eth0 type veth peer name h").append(i).append(" netns ").append(r).append('\n')
                    .append("ip -n ").append(h).append(" addr add ").append(net).append(last + 2).append("/30 dev eth0\n")
                    .append("ip -n ").append(r).append(" addr add ").append(net).append(last + 1).append("/30 dev h").append(i).append('\n')
                    .append("ip -n ").append(h).append(" link set lo up\n")
                    .append("ip -n ").append(h).append(" link set eth0 up\n")
                    .append("ip -n ").append(r).append(" link set h").append(i).append(" up\n")
                    .append("ip -n ").append(h).append(" route add default via ").append(net).append(last + 1).append('\n');
        }
        return sb.append("ip netns exec ").append(r).append(" sysctl -qw net.ipv4.ip_forward=1\n").toString();
    }
}
