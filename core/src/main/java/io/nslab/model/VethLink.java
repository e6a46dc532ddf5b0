package io.nslab.model;

import java.util.List;

/** A veth pair joining two endpoints (possibly in the same node). */
public record VethLink(Endpoint a, Endpoint b) {

    public List<Endpoint> endpoints() {
        return List.of(a, b);
    }

    public String label() {
        return a.label() + " -- " + b.label();
    }
}
