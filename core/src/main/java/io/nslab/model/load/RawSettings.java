package io.nslab.model.load;

import java.util.List;
import java.util.Map;

/** Node settings as written, either under {@code defaults} or under a node; null means not given. */
record RawSettings(Located<Boolean> forwarding, Located<Boolean> ipv6Forwarding, Located<String> rpFilter,
                   Located<Boolean> loopbackUp, Map<Located<String>, Located<String>> sysctls,
                   List<Located<String>> namespaces, boolean namespacesGiven, Located<String> hostname,
                   Located<Integer> monotonicOffset, Located<Integer> boottimeOffset, RawLimits limits,
                   Located<Boolean> hostsFile, List<Located<String>> nameservers, Located<String> neighbours) {

    static final RawSettings EMPTY = new RawSettings(null, null, null, null, Map.of(), List.of(), false, null, null, null, null,
            null, List.of(), null);
}
