package io.nslab.netlink.nft;

import java.nio.charset.StandardCharsets;

/** The kernel's limit on table, chain and set names: {@code NFT_NAME_MAXLEN} (256) bytes with the NUL. */
final class NftNames {
    static final int MAX_BYTES = 255;

    private NftNames() {
    }

    static void check(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a " + what + " needs a name");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " name \"" + name + "\" is not 1 to " + MAX_BYTES
                    + " bytes without NUL");
        }
    }
}
