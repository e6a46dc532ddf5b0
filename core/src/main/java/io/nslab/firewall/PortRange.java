package io.nslab.firewall;

/** A port or an inclusive range of ports: {@code 80}, {@code 1024-65535}. */
public record PortRange(int from, int to) implements Comparable<PortRange> {

    public PortRange {
        if (from < 0 || to > 65535 || from > to) {
            throw new IllegalArgumentException("port range " + from + "-" + to + " is not within 0..65535, low to high");
        }
    }

    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    @Override
    public int compareTo(PortRange o) {
        return Integer.compare(from, o.from);
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
