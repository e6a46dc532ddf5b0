package io.nslab.render;

import io.nslab.probe.PortResult;

/** One line for a TCP or UDP probe: {@code tcp ns1 -> 10.0.2.2:80: open (handshake completed)}. */
public final class PortText {
    private PortText() {
    }

    /** {@code from} names the sender as the user wrote it; a listener nslab opened is said, so "open" is not misread. */
    public static String line(String from, PortResult r, String listenerNode) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.request().protocol().word()).append(' ').append(from);
        r.source().ifPresent(s -> sb.append(" (").append(s).append(')'));
        sb.append(" -> ").append(r.request().target().substring(4)).append(": ").append(r.outcome().word())
                .append(" (").append(r.seen());
        if (r.listened()) {
            sb.append("; nslab listened on ").append(listenerNode)
                    .append(r.request().listenPort() == r.request().port() ? "" : " port " + r.request().listenPort()).append(" for the probe");
        }
        return sb.append(")\n").toString();
    }
}
