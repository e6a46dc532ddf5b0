package io.nslab.model.load;

import java.util.List;

/** A bridge as written under a node. */
record RawBridge(Located<String> name, List<Located<String>> ports, List<Located<String>> addresses,
                 Located<String> mac, Located<Integer> mtu, Located<Boolean> up) {
}
