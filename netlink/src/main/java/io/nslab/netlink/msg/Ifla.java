package io.nslab.netlink.msg;

/** Link attribute types ({@code IFLA_*}, {@code IFLA_INFO_*}, and the per-kind data of veth, vxlan, macvlan). */
public final class Ifla {
    public static final int ADDRESS = 1;
    public static final int BROADCAST = 2;
    public static final int IFNAME = 3;
    public static final int MTU = 4;
    public static final int LINK = 5;
    public static final int MASTER = 10;
    public static final int OPERSTATE = 16;
    public static final int LINKINFO = 18;
    public static final int NET_NS_PID = 19;
    public static final int NET_NS_FD = 28;
    public static final int EXT_MASK = 29;
    public static final int CARRIER = 33;
    public static final int LINK_NETNSID = 37;

    /** Nested in {@link #LINKINFO}. */
    public static final int INFO_KIND = 1;
    public static final int INFO_DATA = 2;

    /** Nested in {@link #INFO_DATA} of a veth: an ifinfomsg and the peer's own attributes. */
    public static final int VETH_INFO_PEER = 1;

    public static final int VXLAN_ID = 1;
    public static final int VXLAN_LINK = 3;
    public static final int VXLAN_LOCAL = 4;
    public static final int VXLAN_PORT = 15;

    public static final int MACVLAN_MODE = 1;

    /** {@code RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS}, as iproute2 asks, to keep replies small. */
    public static final int EXT_FILTER_VF_SKIP_STATS = 0x1 | 0x8;

    private Ifla() {
    }
}
