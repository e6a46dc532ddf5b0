package io.nslab.cli;

/** A star lab (what the tests, the AOT training and bench/kernel/star.py build): {@code n} hosts, each with a veth to one router, a /30 each, a default route; forwarding on the router. */
final class StarLab {
    private StarLab() {
    }

    static String yaml(String name, int hosts) {
        StringBuilder nodes = new StringBuilder("  r:\n    forwarding: true\n");
        StringBuilder links = new StringBuilder();
        for (int i = 0; i < hosts; i++) {
            int base = i * 4;
            String net = "10." + (base >> 16 & 255) + "." + (base >> 8 & 255) + ".";
            int last = base & 255;
            nodes.append("  h").append(i).append(":\n    routes: [default via ").append(net).append(last + 1).append("]\n");
            links.append("  - endpoints: [\"h").append(i).append(":eth0 ").append(net).append(last + 2).append("/30\", \"r:h")
                    .append(i).append(' ').append(net).append(last + 1).append("/30\"]\n");
        }
        return "name: " + name + "\nnodes:\n" + nodes + "links:\n" + links;
    }
}
