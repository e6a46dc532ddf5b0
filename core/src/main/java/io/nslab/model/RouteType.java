package io.nslab.model;

/** The route types a lab can declare, named as {@code ip route} prints them. */
public enum RouteType {
    UNICAST("unicast"),
    BLACKHOLE("blackhole"),
    UNREACHABLE("unreachable"),
    PROHIBIT("prohibit");

    private final String keyword;

    RouteType(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** Types other than unicast take no gateway and no device. */
    public boolean isReject() {
        return this != UNICAST;
    }
}
