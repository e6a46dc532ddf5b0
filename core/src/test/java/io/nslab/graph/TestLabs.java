package io.nslab.graph;

/** Lab files made for graph tests. */
final class TestLabs {
    private TestLabs() {
    }

    /** {@code routers} routers in a chain, each with {@code hosts} hosts, each host on a /24 of its own; routers on /30s. */
    static String routersWithHosts(int routers, int hosts) {
        StringBuilder b = new StringBuilder("name: big\nnodes:\n");
        for (int r = 1; r <= routers; r++) {
            b.append("  r").append(r).append(":\n    forwarding: true\n");
            for (int h = 1; h <= hosts; h++) {
                b.append("  h").append(r).append('_').append(h).append(":\n    routes:\n      - default via 10.").append(r).append('.').append(h).append(".1\n");
            }
        }
        b.append("links:\n");
        for (int r = 1; r <= routers; r++) {
            for (int h = 1; h <= hosts; h++) {
                b.append("  - endpoints: [\"h").append(r).append('_').append(h).append(":eth0 10.").append(r).append('.').append(h)
                        .append(".2/24\", \"r").append(r).append(":e").append(h).append(" 10.").append(r).append('.').append(h).append(".1/24\"]\n");
            }
            if (r > 1) {
                b.append("  - endpoints: [\"r").append(r - 1).append(":up 172.16.").append(r).append(".1/30\", \"r").append(r)
                        .append(":down 172.16.").append(r).append(".2/30\"]\n");
            }
        }
        return b.toString();
    }
}
