package io.nslab.model.load;

import java.util.List;

/** A veth link as written. */
record RawLink(Position position, List<RawEndpoint> endpoints, Located<Integer> mtu, Located<String> neighbours,
               List<RawImpair> impair) {
}
