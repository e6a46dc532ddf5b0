#!/usr/bin/env bash
# Captures the nf_tables batches that `nft` sends for the commands below, for NftGoldenBytesTest.
# Runs itself inside a new network and mount namespace: it never touches the host's own ruleset.
#   usage: nft-capture.sh > nftables-1.0.6.txt   (no arguments; it makes its namespace itself)
# Each output line is "name hex", the hex being the one sendmsg that carries the batch (BEGIN ... END).
set -euo pipefail
if [ -z "${NFT_CAPTURE_INSIDE:-}" ]; then
  NFT_CAPTURE_INSIDE=1 exec unshare --net --mount "$0" "$@"
fi
# A network namespace of its own has no device but lo and an empty ruleset. Anywhere else (the machine's own
# namespace, a lab's), refuse before the first change: this script only ever changes a namespace it made.
devices=$(ip -o link show | awk -F': ' '{print $2}')
if [ "$devices" != "lo" ] || [ -n "$(nft list ruleset 2>&1)" ]; then
  echo "nft-capture.sh: not in a fresh network namespace (devices: $(echo $devices)); refusing" >&2
  exit 3
fi
command -v nft >/dev/null && command -v strace >/dev/null || { echo "needs nft and strace" >&2; exit 3; }

echo "# Batches sent by $(nft --version), captured with"
echo "#   strace -e trace=sendmsg -e write=3 nft ...   (last sendmsg of each command: the batch)"
echo "# inside a throwaway network namespace (nft-capture.sh). Format: name hex; the command above each line."

capture() { # name, nft arguments...
  local name=$1; shift
  local out
  out=$(strace -e trace=sendmsg -e write=3 nft "$@" 2>&1 >/dev/null) || { echo "nft $* failed: $out" >&2; exit 1; }
  echo "# nft $*"
  # The hex dump lines of the last sendmsg: " | 00000  14 00 00 00 ...  text |"
  echo "$name $(echo "$out" | awk '/^sendmsg/ {hex=""} /^ \| [0-9a-f]+  / {line=substr($0, 11, 49); gsub(/ /, "", line); hex=hex line} END {print hex}')"
}

capture table_add add table ip t
capture table_add6 add table ip6 t6
capture table_add_inet add table inet fw
capture chain_filter_input add chain ip t input '{ type filter hook input priority 0; policy drop; }'
capture chain_filter_forward add chain ip t fwdc '{ type filter hook forward priority 0; policy accept; }'
capture chain_filter_output add chain ip t out '{ type filter hook output priority 10; policy accept; }'
capture chain_nat_post add chain ip t post '{ type nat hook postrouting priority srcnat; policy accept; }'
capture chain_nat_pre add chain ip t pre '{ type nat hook prerouting priority dstnat; policy accept; }'
capture chain_regular add chain ip t user
capture chain6_input add chain ip6 t6 input '{ type filter hook input priority 0; policy accept; }'
capture chain_inet_input add chain inet fw input '{ type filter hook input priority -5; policy drop; }'
capture chain_inet_pre add chain inet fw pre '{ type nat hook prerouting priority -100; policy accept; }'
capture chain_inet_post add chain inet fw post '{ type nat hook postrouting priority 100; policy accept; }'

capture rule_iifname add rule ip t input iifname "eth0" accept
capture rule_oifname add rule ip t fwdc oifname "veth-long-name1" drop
capture rule_saddr24 add rule ip t input ip saddr 10.0.0.0/24 drop
capture rule_daddr32 add rule ip t input ip daddr 10.1.2.3 accept
capture rule_saddr22 add rule ip t input ip saddr 10.0.0.0/22 drop
capture rule_saddr_neq add rule ip t input ip saddr != 10.0.0.0/8 drop
capture rule_tcp_dport add rule ip t input tcp dport 22 accept
capture rule_udp_sport add rule ip t input udp sport 53 accept
capture rule_icmp_type add rule ip t input icmp type echo-request drop
capture rule_ct_estrel add rule ip t input ct state established,related accept
capture rule_ct_new add rule ip t input ct state new counter accept
capture rule_counter_drop add rule ip t input counter drop
capture rule_jump add rule ip t input jump user
capture rule_goto add rule ip t input goto user
capture rule_return add rule ip t user return
capture rule_reject add rule ip t input reject
capture rule_reject_icmp add rule ip t input reject with icmp type host-unreachable
capture rule_reject_tcp add rule ip t input tcp dport 80 reject with tcp reset
capture rule_masq add rule ip t post oifname "eth0" masquerade
capture rule_snat add rule ip t post ip saddr 10.0.0.0/24 snat to 192.0.2.1
capture rule_snat_port add rule ip t post udp dport 53 snat to 192.0.2.1:5353
capture rule_dnat add rule ip t pre tcp dport 80 dnat to 10.0.0.2
capture rule_dnat_port add rule ip t pre tcp dport 80 dnat to 10.0.0.2:8080
capture rule_redir add rule ip t pre tcp dport 80 redirect to :8080
capture rule_redir_plain add rule ip t pre udp dport 53 redirect
capture rule_all add rule ip t input iifname "eth0" ip saddr 10.0.0.0/24 tcp dport 22 ct state established,related counter accept
capture rule_iifname_neq add rule ip t input iifname != "lo" drop
capture rule_saddr_any add rule ip t input ip saddr 0.0.0.0/0 accept
capture rule_dport_range add rule ip t input tcp dport 1000-2000 accept
capture rule_sport_range add rule ip t input udp sport 53-54 drop
capture rule_reject_tcp_only add rule ip t input reject with tcp reset
capture rule_insert insert rule ip t input ip saddr 192.0.2.0/24 drop
# the handle of the first rule of chain input, whatever nft numbered it
h=$(nft -a list chain ip t input | awk '/iifname "eth0" accept/ {print $NF; exit}')
capture rule_position add rule ip t input position "$h" udp dport 67 accept
capture rule_insert_position insert rule ip t input position "$h" udp dport 68 accept
capture rule6_saddr add rule ip6 t6 input ip6 saddr 2001:db8::/64 accept
capture rule6_daddr add rule ip6 t6 input ip6 daddr 2001:db8::1 drop
capture rule6_icmpv6 add rule ip6 t6 input icmpv6 type echo-request accept
capture rule6_reject add rule ip6 t6 input reject
capture rule6_tcp_dport add rule ip6 t6 input tcp dport 443 drop
capture rule6_saddr50 add rule ip6 t6 input ip6 saddr 2001:db8:0:c000::/50 accept
capture rule6_udp_dport add rule ip6 t6 input udp dport 53 accept
capture rule6_reject_icmp add rule ip6 t6 input reject with icmpv6 type admin-prohibited
capture rule_inet_nfproto add rule inet fw input meta nfproto ipv6 accept
capture rule_inet_l4proto add rule inet fw input meta l4proto udp drop
capture rule_inet_saddr add rule inet fw input ip saddr 10.0.0.0/24 accept
capture rule_inet_saddr6 add rule inet fw input ip6 saddr 2001:db8::/48 accept
capture rule_inet_tcp add rule inet fw input tcp dport 22 accept
capture rule_inet_icmp add rule inet fw input icmp type echo-request accept
capture rule_inet_reject add rule inet fw input reject
capture rule_inet_snat add rule inet fw post oifname "eth0" snat ip to 192.0.2.1
capture rule_inet_icmpv6 add rule inet fw input icmpv6 type echo-request accept
capture rule_inet_dnat add rule inet fw pre tcp dport 80 dnat ip to 10.0.0.2:8080
capture rule_inet_snat6 add rule inet fw post snat ip6 to 2001:db8::1
capture rule_inet_reject_tcp add rule inet fw input tcp dport 80 reject with tcp reset
capture rule_inet_masq add rule inet fw post masquerade
capture rule_numgen add rule ip t input numgen random mod 100 lt 30 drop
capture rule_numgen_offset add rule ip t input numgen inc mod 10 offset 5 lt 7 accept
capture rule_inet_iif_numgen add rule inet fw input iifname "v1" numgen random mod 100 lt 30 drop
capture table_add_bridge add table bridge br
capture chain_bridge_pre add chain bridge br pre '{ type filter hook prerouting priority -300; policy accept; }'
capture rule_bridge_iif_numgen add rule bridge br pre iifname "v1" numgen random mod 100 lt 30 drop
capture chain_inet_pre_raw add chain inet fw loss '{ type filter hook prerouting priority -300; policy accept; }'

capture rule_delete delete rule ip t input handle "$h"
h2=$(nft -a list chain ip t input | awk '/ip daddr 10.1.2.3 accept/ {print $NF; exit}')
capture rule_replace replace rule ip t input handle "$h2" tcp dport 2222 accept
capture chain_flush flush chain ip t fwdc
nft add chain ip t spare
capture chain_delete delete chain ip t spare
[ -z "${NFT_DEBUG:-}" ] || nft -a --debug=netlink list ruleset >&2
capture table_delete delete table ip t
