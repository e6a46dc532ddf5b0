package io.nslab.netlink.msg;

/** Route attribute types ({@code RTA_*}) and route flags. */
public final class Rta {
    public static final int DST = 1;
    public static final int SRC = 2;
    public static final int IIF = 3;
    public static final int OIF = 4;
    public static final int GATEWAY = 5;
    public static final int PRIORITY = 6;
    public static final int PREFSRC = 7;
    public static final int TABLE = 15;

    /** {@code RTNH_F_ONLINK} in {@code rtm_flags}: the gateway is on the link even if no prefix says so. */
    public static final int F_ONLINK = 0x4;
    /** {@code RTNH_F_LINKDOWN} in {@code rtm_flags}: the nexthop's device has no carrier. */
    public static final int F_LINKDOWN = 0x10;
    /** {@code RTM_F_LOOKUP_TABLE}: {@code route get} reports the table of the matching route. */
    public static final int F_LOOKUP_TABLE = 0x1000;

    public static final int TABLE_UNSPEC = 0;
    public static final int TABLE_MAIN = 254;
    public static final int TABLE_LOCAL = 255;

    private Rta() {
    }
}
