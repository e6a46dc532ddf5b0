/**
 * nf_tables, the kernel's firewall and NAT, as values and as bytes: no socket, no privilege.
 *
 * <ul>
 *   <li>The ruleset: {@link io.nslab.netlink.nft.NftTable}, {@link io.nslab.netlink.nft.NftChain} (a base chain
 *       with its {@link io.nslab.netlink.nft.NftBaseChain hook, priority, type and policy}, or a regular one),
 *       {@link io.nslab.netlink.nft.NftRule} (a list of {@link io.nslab.netlink.nft.NftExpr expressions}) and, as
 *       read back, {@link io.nslab.netlink.nft.NftInstalledRule} with its handle.</li>
 *   <li>{@link io.nslab.netlink.nft.NftRuleBuilder}: rules from {@code nft}'s matches and statements
 *       ({@code iifname}, {@code ip saddr}, {@code tcp dport}, {@code icmp type}, {@code ct state},
 *       {@code counter}, verdicts, {@code reject}, {@code masquerade}, {@code snat}, {@code dnat},
 *       {@code redirect}) with the dependencies {@code nft} adds, so that a rule is the one {@code nft} would
 *       install.</li>
 *   <li>{@link io.nslab.netlink.nft.NftCodec}: the messages ({@code NFT_MSG_NEWTABLE} ... {@code NFT_MSG_DELRULE},
 *       dumps) and the batch that carries them, byte for byte as {@code nft} 1.0 sends them; and the parsing of
 *       what the kernel dumps back into the same records.</li>
 * </ul>
 *
 * {@link io.nslab.netlink.NfTables} sends them to the kernel of a namespace:
 * <pre>{@code
 * NftTable nat = NftTable.of(NftFamily.IP, "nat");
 * try (NfTables nft = NfTables.open(routerNamespace)) {
 *     nft.transaction()
 *         .addTable(nat)                                                      // nft add table ip nat
 *         .addChain(NftChain.base(nat, "post", NftChainType.NAT, NftHook.POSTROUTING,
 *                 NftBaseChain.PRIORITY_SRCNAT, NftPolicy.ACCEPT))            // ... { type nat hook postrouting priority srcnat; policy accept; }
 *         .addRule(NftRule.in(nat, "post")
 *                 .saddr(IpPrefix.parse("10.0.0.0/24")).oifname("eth0")
 *                 .masquerade().build())                                      // nft add rule ip nat post ip saddr 10.0.0.0/24 oifname "eth0" masquerade
 *         .commit();
 * }
 * }</pre>
 */
package io.nslab.netlink.nft;
