package io.nslab.model.load;

/**
 * One entry of a link's {@code impair:} as written: {@code side} is {@code both} or one of the link's ends
 * ({@code node:ifname}); any of the settings may be missing (null).
 */
record RawImpair(Located<String> side, Located<String> rate, Located<String> loss, Located<String> delay,
                 Located<String> jitter) {
}
