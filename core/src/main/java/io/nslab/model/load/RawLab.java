package io.nslab.model.load;

import java.util.List;

/** A lab file as written: positions kept, nothing resolved or defaulted yet. */
record RawLab(String file, Position start, Located<String> name, Located<String> netnsPrefix, RawSettings defaults,
              Located<Integer> defaultMtu, List<RawNode> nodes, List<RawLink> links, List<RawCheck> checks,
              Position host, List<RawRoute> hostRoutes) {
}
