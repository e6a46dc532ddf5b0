package io.nslab.netlink.nft;

import io.nslab.netlink.msg.MessageBuilder;
import io.nslab.netlink.msg.NetlinkFlags;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One nf_tables request ready to encode: its {@code NFT_MSG_*} type, flags (NLM_F_REQUEST is implied), the family
 * of its {@code nfgenmsg}, the equivalent {@code nft} command for reports, and the writer of its attributes.
 * Made by {@link NftCodec}.
 *
 * @param type       {@code NFT_MSG_NEWTABLE} ... without the subsystem byte
 * @param flags      NLM_F_CREATE, NLM_F_APPEND, ...
 * @param family     {@code NFPROTO_*} number, 0 for every family
 * @param command    the {@code nft} command it equals
 * @param attributes writes the attributes after the {@code nfgenmsg}
 */
public record NftMessage(int type, int flags, int family, String command, Consumer<MessageBuilder> attributes) {
    /** {@code sizeof(struct nfgenmsg)}: family, version, resource id. */
    public static final int NFGENMSG_SIZE = 4;

    public NftMessage {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** The message type on the wire: the nf_tables subsystem in the high byte. */
    public int wireType() {
        return NftAttr.NFNL_SUBSYS_NFTABLES << 8 | type;
    }

    /** Appends the message with this sequence number; {@code extraFlags} adds NLM_F_ACK or NLM_F_DUMP. */
    public void encode(MessageBuilder b, int seq, int extraFlags) {
        int start = b.beginMessage(wireType(), NetlinkFlags.REQUEST | flags | extraFlags, seq);
        writeNfgenmsg(b, family, 0);
        attributes.accept(b);
        b.endMessage(start);
    }

    /** The C name of the type, for reports: {@code NFT_MSG_NEWRULE}. */
    public String typeName() {
        return typeName(type);
    }

    public static String typeName(int type) {
        return switch (type) {
            case NftAttr.NEWTABLE -> "NFT_MSG_NEWTABLE";
            case NftAttr.GETTABLE -> "NFT_MSG_GETTABLE";
            case NftAttr.DELTABLE -> "NFT_MSG_DELTABLE";
            case NftAttr.NEWCHAIN -> "NFT_MSG_NEWCHAIN";
            case NftAttr.GETCHAIN -> "NFT_MSG_GETCHAIN";
            case NftAttr.DELCHAIN -> "NFT_MSG_DELCHAIN";
            case NftAttr.NEWRULE -> "NFT_MSG_NEWRULE";
            case NftAttr.GETRULE -> "NFT_MSG_GETRULE";
            case NftAttr.DELRULE -> "NFT_MSG_DELRULE";
            default -> "NFT_MSG type " + type;
        };
    }

    /** {@code struct nfgenmsg}: family, NFNETLINK_V0, and the resource id in network order. */
    static void writeNfgenmsg(MessageBuilder b, int family, int resourceId) {
        b.u8(family).u8(0).u8(resourceId >>> 8).u8(resourceId);
    }

    @Override
    public String toString() {
        return typeName() + " " + command;
    }
}
