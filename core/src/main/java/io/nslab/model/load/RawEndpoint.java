package io.nslab.model.load;

import java.util.List;

/** One end of a link as written: {@code ns1:v1 10.10.10.2/24} or its long form. */
record RawEndpoint(Position position, Located<String> node, Located<String> ifname, List<Located<String>> addresses,
                   Located<String> mac, Located<Integer> mtu, Located<Boolean> up) {
}
