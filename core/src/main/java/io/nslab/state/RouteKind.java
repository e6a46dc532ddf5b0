package io.nslab.state;

/** Route types (rtm_type), named as {@code ip route} prints them. */
public enum RouteKind {
    UNICAST("unicast"), LOCAL("local"), BROADCAST("broadcast"), ANYCAST("anycast"), MULTICAST("multicast"),
    BLACKHOLE("blackhole"), UNREACHABLE("unreachable"), PROHIBIT("prohibit"), THROW("throw");

    private final String word;

    RouteKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
