package io.nslab.probe;

import io.nslab.model.NamespaceRef;
import io.nslab.model.IpAddress;

import java.time.Duration;

/** {@code traceroute -n -I -q PROBES -m MAXHOPS -w WAITTIME DST} inside {@code netns}. */
public record TraceRequest(NamespaceRef netns, IpAddress destination, int maxHops, int probesPerHop, Duration waitTime) {

    public static TraceRequest of(NamespaceRef netns, IpAddress destination) {
        return new TraceRequest(netns, destination, 30, 3, Duration.ofSeconds(1));
    }
}
