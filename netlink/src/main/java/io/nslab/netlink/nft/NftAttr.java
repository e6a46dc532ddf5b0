package io.nslab.netlink.nft;

/**
 * Numbers of the nf_tables netlink protocol ({@code linux/netfilter/nf_tables.h}, {@code nfnetlink.h}): message
 * types, and attribute types per object and expression. Integers in these attributes travel in network order.
 */
final class NftAttr {
    static final int NLA_F_NESTED = 0x8000;

    static final int NFNL_SUBSYS_NFTABLES = 10;
    static final int NFNL_MSG_BATCH_BEGIN = 0x10;
    static final int NFNL_MSG_BATCH_END = 0x11;

    static final int NEWTABLE = 0;
    static final int GETTABLE = 1;
    static final int DELTABLE = 2;
    static final int NEWCHAIN = 3;
    static final int GETCHAIN = 4;
    static final int DELCHAIN = 5;
    static final int NEWRULE = 6;
    static final int GETRULE = 7;
    static final int DELRULE = 8;

    static final int TABLE_NAME = 1;
    static final int TABLE_FLAGS = 2;

    static final int CHAIN_TABLE = 1;
    static final int CHAIN_HANDLE = 2;
    static final int CHAIN_NAME = 3;
    static final int CHAIN_HOOK = 4;
    static final int CHAIN_POLICY = 5;
    static final int CHAIN_TYPE = 7;

    static final int HOOK_HOOKNUM = 1;
    static final int HOOK_PRIORITY = 2;

    static final int RULE_TABLE = 1;
    static final int RULE_CHAIN = 2;
    static final int RULE_HANDLE = 3;
    static final int RULE_EXPRESSIONS = 4;
    static final int RULE_POSITION = 6;

    static final int LIST_ELEM = 1;
    static final int EXPR_NAME = 1;
    static final int EXPR_DATA = 2;

    static final int DATA_VALUE = 1;
    static final int DATA_VERDICT = 2;
    static final int VERDICT_CODE = 1;
    static final int VERDICT_CHAIN = 2;

    static final int IMMEDIATE_DREG = 1;
    static final int IMMEDIATE_DATA = 2;

    static final int CMP_SREG = 1;
    static final int CMP_OP = 2;
    static final int CMP_DATA = 3;

    static final int BITWISE_SREG = 1;
    static final int BITWISE_DREG = 2;
    static final int BITWISE_LEN = 3;
    static final int BITWISE_MASK = 4;
    static final int BITWISE_XOR = 5;
    static final int BITWISE_OP = 6;

    static final int PAYLOAD_DREG = 1;
    static final int PAYLOAD_BASE = 2;
    static final int PAYLOAD_OFFSET = 3;
    static final int PAYLOAD_LEN = 4;
    static final int PAYLOAD_SREG = 5;

    static final int META_DREG = 1;
    static final int META_KEY = 2;
    static final int META_SREG = 3;

    static final int CT_DREG = 1;
    static final int CT_KEY = 2;
    static final int CT_DIRECTION = 3;
    static final int CT_SREG = 4;

    static final int COUNTER_BYTES = 1;
    static final int COUNTER_PACKETS = 2;

    static final int REJECT_TYPE = 1;
    static final int REJECT_ICMP_CODE = 2;

    static final int NAT_TYPE = 1;
    static final int NAT_FAMILY = 2;
    static final int NAT_REG_ADDR_MIN = 3;
    static final int NAT_REG_ADDR_MAX = 4;
    static final int NAT_REG_PROTO_MIN = 5;
    static final int NAT_REG_PROTO_MAX = 6;
    static final int NAT_FLAGS = 7;

    static final int MASQ_FLAGS = 1;
    static final int MASQ_REG_PROTO_MIN = 2;
    static final int MASQ_REG_PROTO_MAX = 3;

    static final int REDIR_REG_PROTO_MIN = 1;
    static final int REDIR_REG_PROTO_MAX = 2;
    static final int REDIR_FLAGS = 3;

    static final int NG_DREG = 1;
    static final int NG_MODULUS = 2;
    static final int NG_TYPE = 3;
    static final int NG_OFFSET = 4;

    static final int BYTEORDER_SREG = 1;
    static final int BYTEORDER_DREG = 2;
    static final int BYTEORDER_OP = 3;
    static final int BYTEORDER_LEN = 4;
    static final int BYTEORDER_SIZE = 5;

    private NftAttr() {
    }
}
