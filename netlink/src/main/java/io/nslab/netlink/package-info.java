/**
 * rtnetlink, nf_tables and Linux network namespaces for Java, over the Foreign Function and Memory API: no JNI, no
 * {@code ip} processes, no dependencies. Every operation names the {@code ip} command it equals.
 *
 * <h2>The pieces</h2>
 * <ul>
 *   <li>{@link io.nslab.netlink.NamedNamespaces}: {@code ip netns add | list | delete}, compatible with iproute2
 *       ({@code /run/netns} by default, or a directory of your own).</li>
 *   <li>{@link io.nslab.netlink.NetNs}: an open namespace (descriptor, inode), and
 *       {@link io.nslab.netlink.NetNs#call(java.util.concurrent.Callable)} to run code inside it on a dedicated
 *       platform thread &mdash; for instance to open a socket there and use it from any thread.</li>
 *   <li>{@link io.nslab.netlink.Netlink}: a handle (an rtnetlink socket) opened inside one namespace and usable
 *       from any thread, with {@link io.nslab.netlink.LinkOps links}, {@link io.nslab.netlink.AddressOps
 *       addresses}, {@link io.nslab.netlink.RouteOps routes} and {@link io.nslab.netlink.NeighbourOps
 *       neighbours}.</li>
 *   <li>{@link io.nslab.netlink.Batch}: many requests in one {@code sendmsg}, each acknowledged on its own.</li>
 *   <li>{@link io.nslab.netlink.Sysctls}: the {@code net.*} sysctls of a namespace.</li>
 *   <li>{@link io.nslab.netlink.NfTables}: nf_tables (firewall and NAT) of a namespace over
 *       {@code NETLINK_NETFILTER}: {@link io.nslab.netlink.NftTransaction transactions} applied whole or not at all,
 *       and the ruleset read back as the records of {@link io.nslab.netlink.nft}.</li>
 *   <li>{@link io.nslab.netlink.NativeException} and {@link io.nslab.netlink.NetlinkException}: failures that
 *       name the call, the errno and the kernel's own explanation, e.g.
 *       {@code RTM_NEWROUTE: ENETUNREACH (Network is unreachable): Nexthop has invalid gateway.}</li>
 *   <li>{@link io.nslab.netlink.msg}: the wire format alone, testable without privilege.</li>
 * </ul>
 *
 * <h2>A complete example</h2>
 * Two namespaces joined by a veth pair, addressed, with a route and forwarding on, then removed
 * (run as root, or with CAP_NET_ADMIN and CAP_SYS_ADMIN; the JVM needs {@code --enable-native-access}):
 * <pre>{@code
 * import io.nslab.netlink.*;
 *
 * NamedNamespaces netns = NamedNamespaces.standard();              // /run/netns, shared with `ip netns`
 * try (Netlink r1 = netns.createWithNetlink("r1");                 // ip netns add r1
 *      Netlink h1 = netns.createWithNetlink("h1")) {               // ip netns add h1
 *     NetNs h1ns = h1.namespace().orElseThrow();
 *
 *     r1.links().addVeth("eth0", "eth0", h1ns);                    // ip -n r1 link add eth0 type veth peer name eth0 netns h1
 *     r1.links().setUp("eth0");                                    // ip -n r1 link set eth0 up
 *     r1.addresses().add("eth0", "10.0.0.1/24");                   // ip -n r1 addr add 10.0.0.1/24 dev eth0
 *
 *     Batch b = h1.batch();                                        // one sendmsg for the three requests
 *     b.links().setUp("lo");                                       // ip -n h1 link set lo up
 *     b.links().setUp("eth0");                                     // ip -n h1 link set eth0 up
 *     int eth0 = h1.links().indexOf("eth0");
 *     b.addresses().add(AddressInfo.of(eth0, "10.0.0.2/24"));      // ip -n h1 addr add 10.0.0.2/24 dev eth0
 *     b.send();                                                    // BatchException lists any failures by index
 *
 *     h1.routes().add(RouteInfo.defaultRoute(IpPrefix.AF_INET)     // ip -n h1 route add default via 10.0.0.1
 *             .via("10.0.0.1").dev(eth0));
 *     Sysctls.write(r1.namespace().orElseThrow(),                  // ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
 *             "net.ipv4.ip_forward", "1");
 *
 *     RouteInfo chosen = h1.routes().get("192.0.2.7");             // ip -n h1 route get 192.0.2.7
 *     System.out.println(chosen.gateway());                        // /10.0.0.1
 *     for (LinkInfo l : h1.links().list()) {                       // ip -n h1 -d link show
 *         System.out.println(l.index() + ": " + l.name() + " " + l.kind() + " " + l.state());
 *     }
 *
 *     try {
 *         h1.routes().add(RouteInfo.to("10.9.0.0/16").via("192.168.7.1").dev(eth0));
 *     } catch (NetlinkException e) {
 *         System.out.println(e.getMessage());   // RTM_NEWROUTE: ENETUNREACH (Network is unreachable): Nexthop has invalid gateway.
 *         System.out.println(e.extAck());       // Optional[Nexthop has invalid gateway]
 *     }
 * } finally {
 *     netns.delete("h1");                                          // ip netns delete h1 (the veth pair goes too)
 *     netns.delete("r1");
 * }
 * }</pre>
 *
 * <h2>Threads and namespaces</h2>
 * {@code setns(2)} and {@code unshare(2)} move only the calling thread. This library calls them only on its own
 * pooled platform threads, never on a caller's thread and never on a virtual thread; each of those threads
 * returns to the process's namespace after every task, and a thread that cannot return ends rather than run
 * anything else. A socket keeps the namespace it was created in, which is why a {@link io.nslab.netlink.Netlink}
 * handle, once opened, works from any thread. Requests on one handle are serialised; use one handle per thread
 * for parallelism.
 *
 * <h2>Sockets</h2>
 * Handles turn on {@code NETLINK_EXT_ACK} (the kernel's reason in errors), {@code NETLINK_CAP_ACK} (short ACKs),
 * {@code NETLINK_GET_STRICT_CHK} (invalid requests are refused, dumps are filtered by the kernel) and large
 * buffers ({@code SO_RCVBUFFORCE} when privileged). Dumps interrupted by concurrent changes
 * ({@code NLM_F_DUMP_INTR}) are retried.
 */
package io.nslab.netlink;
