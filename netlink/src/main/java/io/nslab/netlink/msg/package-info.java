/**
 * The netlink wire format, without any system call: message headers ({@link io.nslab.netlink.msg.NetlinkHeader}),
 * the fixed headers of rtnetlink messages ({@link io.nslab.netlink.msg.IfInfoMsg},
 * {@link io.nslab.netlink.msg.IfAddrMsg}, {@link io.nslab.netlink.msg.RtMsg}, {@link io.nslab.netlink.msg.NdMsg}),
 * attributes and nested attributes ({@link io.nslab.netlink.msg.MessageBuilder},
 * {@link io.nslab.netlink.msg.Attributes}), and acknowledgements with the kernel's extended-ack message
 * ({@link io.nslab.netlink.msg.NetlinkError}).
 *
 * <p>Everything here works on heap {@link java.nio.ByteBuffer}s and byte arrays in host byte order, needs no
 * privilege, and is what the tests compare byte for byte with the requests iproute2 sends.
 */
package io.nslab.netlink.msg;
