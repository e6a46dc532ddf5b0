package io.nslab.netlink.nft;

/**
 * An nf_tables table: {@code table ip nat}.
 *
 * @param family the table's family
 * @param name   its name, 1 to 255 bytes
 */
public record NftTable(NftFamily family, String name) {
    public NftTable {
        java.util.Objects.requireNonNull(family, "family");
        NftNames.check("table", name);
    }

    public static NftTable of(NftFamily family, String name) {
        return new NftTable(family, name);
    }

    @Override
    public String toString() {
        return family.keyword() + " " + name;
    }
}
