package io.nslab.model.load;

/** A check as written: {@code ping: ns1 -> 10.10.20.2} (or {@code tcp: ns1 -> ns2:80}, protocol and port set) with its expectation. */
record RawCheck(Position position, Located<String> from, Located<String> to, Located<String> expect,
                Located<Integer> ttl, Located<String> errorFrom, Located<Integer> count, Located<Double> timeout,
                Located<Integer> sendTtl, Located<String> protocol, Located<Integer> port) {
}
