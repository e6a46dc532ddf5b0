package io.nslab.netlink.msg;

/** {@code nlmsg_flags} bits ({@code linux/netlink.h}). Some values mean different things for GET and NEW requests. */
public final class NetlinkFlags {
    public static final int REQUEST = 0x01;
    public static final int MULTI = 0x02;
    public static final int ACK = 0x04;
    public static final int ECHO = 0x08;
    /** The dump was interrupted by a concurrent change; its content is inconsistent and must be fetched again. */
    public static final int DUMP_INTR = 0x10;

    // Modifiers to GET requests.
    public static final int ROOT = 0x100;
    public static final int MATCH = 0x200;
    public static final int DUMP = ROOT | MATCH;

    // Modifiers to NEW requests.
    public static final int REPLACE = 0x100;
    public static final int EXCL = 0x200;
    public static final int CREATE = 0x400;
    public static final int APPEND = 0x800;

    // Flags of NLMSG_ERROR acknowledgements.
    /** The echoed request was cut to its header (NETLINK_CAP_ACK). */
    public static final int CAPPED = 0x100;
    /** Extended-ack TLVs follow the echoed request (NETLINK_EXT_ACK). */
    public static final int ACK_TLVS = 0x200;

    private NetlinkFlags() {
    }
}
