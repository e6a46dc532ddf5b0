package io.nslab.netlink;

/** {@code RT_SCOPE_*}: how far an address or route reaches. Kept as ints because users may define their own. */
public final class Scope {
    public static final int UNIVERSE = 0;
    public static final int SITE = 200;
    public static final int LINK = 253;
    public static final int HOST = 254;
    public static final int NOWHERE = 255;

    private Scope() {
    }

    /** The name {@code ip} prints: global, site, link, host, nowhere, or the number. */
    public static String name(int scope) {
        return switch (scope) {
            case UNIVERSE -> "global";
            case SITE -> "site";
            case LINK -> "link";
            case HOST -> "host";
            case NOWHERE -> "nowhere";
            default -> Integer.toString(scope);
        };
    }
}
