package io.nslab.model.load;

/** A check as written: {@code ping: ns1 -> 10.10.20.2} with its expectation. */
record RawCheck(Position position, Located<String> from, Located<String> to, Located<String> expect,
                Located<Integer> ttl, Located<String> errorFrom, Located<Integer> count, Located<Double> timeout,
                Located<Integer> sendTtl) {
}
