package io.nslab.model;

import java.util.List;

/**
 * A veth pair joining two endpoints (possibly in the same node).
 *
 * @param aOut what the lab file's {@code impair:} does to the packets that leave {@code a} (toward {@code b})
 * @param bOut the same for what leaves {@code b}
 */
public record VethLink(Endpoint a, Endpoint b, Impairment aOut, Impairment bOut) {

    public VethLink {
        java.util.Objects.requireNonNull(aOut);
        java.util.Objects.requireNonNull(bOut);
    }

    /** A link without impairments. */
    public VethLink(Endpoint a, Endpoint b) {
        this(a, b, Impairment.NONE, Impairment.NONE);
    }

    public List<Endpoint> endpoints() {
        return List.of(a, b);
    }

    /** What is done to the packets that leave {@code end}, one of this link's. */
    public Impairment impairmentOf(Endpoint end) {
        return end.equals(a) ? aOut : bOut;
    }

    public String label() {
        return a.label() + " -- " + b.label();
    }
}
