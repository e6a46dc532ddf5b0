package io.nslab.netlink.msg;

/** Netlink control and rtnetlink message types ({@code linux/netlink.h}, {@code linux/rtnetlink.h}). */
public final class MessageType {
    public static final int NOOP = 1;
    public static final int ERROR = 2;
    public static final int DONE = 3;
    public static final int OVERRUN = 4;

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_DELNEIGH = 29;
    public static final int RTM_GETNEIGH = 30;
    public static final int RTM_NEWNSID = 88;
    public static final int RTM_GETNSID = 90;

    private MessageType() {
    }

    /** The C name of a type, for error messages: {@code RTM_NEWROUTE}; unknown types print as numbers. */
    public static String name(int type) {
        return switch (type) {
            case NOOP -> "NLMSG_NOOP";
            case ERROR -> "NLMSG_ERROR";
            case DONE -> "NLMSG_DONE";
            case OVERRUN -> "NLMSG_OVERRUN";
            case RTM_NEWLINK -> "RTM_NEWLINK";
            case RTM_DELLINK -> "RTM_DELLINK";
            case RTM_GETLINK -> "RTM_GETLINK";
            case RTM_SETLINK -> "RTM_SETLINK";
            case RTM_NEWADDR -> "RTM_NEWADDR";
            case RTM_DELADDR -> "RTM_DELADDR";
            case RTM_GETADDR -> "RTM_GETADDR";
            case RTM_NEWROUTE -> "RTM_NEWROUTE";
            case RTM_DELROUTE -> "RTM_DELROUTE";
            case RTM_GETROUTE -> "RTM_GETROUTE";
            case RTM_NEWNEIGH -> "RTM_NEWNEIGH";
            case RTM_NEWNSID -> "RTM_NEWNSID";
            case RTM_GETNSID -> "RTM_GETNSID";
            case RTM_DELNEIGH -> "RTM_DELNEIGH";
            case RTM_GETNEIGH -> "RTM_GETNEIGH";
            default -> "type " + type;
        };
    }
}
