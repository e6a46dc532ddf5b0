package io.nslab.model.load;

import java.util.List;
import java.util.Random;

/**
 * Values chosen to hurt a lab loader: names that would leave {@code /run/netns} or exceed the kernel's
 * 15 bytes, numbers past every integer type, addresses and prefixes out of range, YAML that means
 * something else than it looks, and now and then a very long string.
 */
final class HostileValues {
    static final List<String> NAMES = List.of("..", ".", "../x", "../../etc/passwd", "/", "/tmp/x", "a/b", "a\0b", "\0",
            "x".repeat(15), "x".repeat(16), "é".repeat(7) + "x", "é".repeat(8), "🙂🙂🙂🙂", "ñodo", "节点", "\u202Eevil",
            "a\u200Bb", "\uFEFFbom", "-rf", "--help", "a b", "a:b", "a%d", "lo", "all", "default", "x".repeat(63),
            "x".repeat(64), "x".repeat(256), "\t", "\r", "", " ", "0", "_", "a.", ".a", "a..b", "A-Z_0.9", "\uD800", "\u0085");
    static final List<String> NUMBERS = List.of("-1", "0", "67", "68", "65535", "65536", "4294967295", "4294967296",
            "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "99999999999999999999999999999999", "1e400", "-1e400", "NaN", "Infinity", "-0",
            "0x10", "0o17", "0b1", "1_000", "+5", "1.5", ".5", "5.", "1e-400", "١٢٣", "１２３", "0.", "- 1");
    static final List<String> ADDRESSES = List.of("256.0.0.1/24", "10.0.0.1/33", "10.0.0.1/-1", "10.0.0.1/", "/24",
            "10.0.0.1/24/24", "::/129", "fe80::1%eth0/64", "::ffff:10.0.0.1/128", "1:2:3:4:5:6:7:8:9/64",
            "10.0.0.01/24", "010.0.0.1/24", "10.0.0/24", "0.0.0.0/0", "255.255.255.255/32", "224.0.0.1/4",
            "127.0.0.1/8", "::/0", "::1/128", "10.0.0.1/99999999999999999999", "1.2.3.4/2147483648", "10.0.0.1/24 x",
            "10.0.0.0/31", "10.0.0.1/32", "1.2.3.4.5/8", "1..2.3/8", "fe80::/10", "ff02::1/128", ":::/64", "1::2::3/64",
            "10.0.0.1", "10.0.0.1/24 via", "via 10.0.0.1", "10.0.0.0/24 via 10.0.0.0/24", "default via ::");
    static final List<String> WORDS = List.of("", "~", "null", "true", "yes", "on", "maybe", "up", "down", "reply",
            "unreachable", "->", " -> ", "a -> ", " -> b", "a -> b -> c", "blackhole", "prohibit", "throw", "static",
            "dynamic", "strict", "loose", "3", "net.ipv4.ip_forward", "net/ipv4/../../x", "kernel.panic", "64M", "50%",
            "999999T", "0%", "101%", "02:00:00:00:00:01", "01:00:00:00:00:01", "00:00:00:00:00:00", "zz:zz", "uts",
            "net", "user", "#", "'", "\"", "&", "*", "!", "|", ">", "@", "`", "%", "? x", "- x", "{", "[", "\\");
    static final List<String> RAW = List.of("[", "{", "]", "}", "{a: 1, a: 2}", "[1, [2, [3]]", "'open", "\"open",
            "*nope", "&a [x, *a]", "!!binary AAAA", "!!int x", "!!float y", "!!map x", "!foo bar", "!<tag:x> y",
            "? [a, b]", "|", ">-", "|9", "<<: {}", "%YAML 1.1", "---", "...", "@x", "`x", "- - - -", "\"\\x\"",
            "\"\\uD800\"", "\"\\U0010FFFF\"", "\"\\U00110000\"", "&", "*", "&a", "! x", "!! x", "[" .repeat(300),
            "{a: " .repeat(100), "- ".repeat(200) + "x", "'" + "x".repeat(2000));

    private HostileValues() {
    }

    /** A hostile scalar of any sort; one in a few hundred is hundreds of kilobytes long. */
    static String any(Random r) {
        int k = r.nextInt(1000);
        if (k < 3) {
            return "x".repeat(100_000 + r.nextInt(400_000));
        }
        if (k < 5) {
            return "é".repeat(60_000) + "/24";
        }
        return switch (r.nextInt(5)) {
            case 0 -> pick(NAMES, r);
            case 1 -> pick(NUMBERS, r);
            case 2 -> pick(ADDRESSES, r);
            case 3 -> pick(WORDS, r);
            default -> pick(NAMES, r) + pick(WORDS, r) + pick(NUMBERS, r);
        };
    }

    static String name(Random r) {
        return r.nextInt(10) == 0 ? any(r) : pick(NAMES, r);
    }

    static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }
}
