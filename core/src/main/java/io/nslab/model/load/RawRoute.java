package io.nslab.model.load;

/** A route as written, from its one-line form ({@code 10.10.20.0/24 via 10.10.10.1}) or its long form. */
record RawRoute(Position position, Located<String> type, Located<String> to, Located<String> via, Located<String> dev,
                Located<Integer> metric, Located<String> src, Located<Boolean> onlink) {
}
