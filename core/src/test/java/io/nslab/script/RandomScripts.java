package io.nslab.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Scripts made of the corpus's own command lines, shuffled, with words swapped for hostile ones (names
 * that escape /run/netns, 16-byte interface names, numbers past every integer type, addresses out of
 * range), wrapped now and then in {@code for}, {@code &&}, {@code ||} and {@code set -e}: the commands
 * reach the interpreter's tools with arguments they were not written for.
 */
final class RandomScripts {
    static final List<String> CORPUS = corpus();
    static final List<String> LINES = CORPUS.stream().flatMap(String::lines)
            .filter(l -> !l.isBlank() && !l.startsWith("#")).distinct().toList();
    static final List<String> WORDS = List.of("..", ".", "../x", "/", "a/b", "x".repeat(15), "x".repeat(16),
            "é".repeat(8), "🙂", "ñ", "''", "\"\"", "-1", "0", "65536", "2147483648", "9223372036854775808",
            "99999999999999999999999", "1e400", "NaN", "-0", "0x10", "256.0.0.1", "10.0.0.1/33", "::/129",
            "fe80::1%lo", "10.0.0.0/24", "default", "all", "lo", "-c", "-c2147483647", "-s", "65508", "-s99999999",
            "-t", "-W", "-i", "-I", "-n", "-4", "-6", "-j", "-d", "type", "veth", "bridge", "dummy", "peer", "name",
            "dev", "via", "netns", "exec", "add", "del", "set", "up", "down", "mtu", "master", "nomaster",
            "address", "route", "table", "local", "255", "metric", "onlink", "blackhole", "$X", "\"$X\"", "${X}",
            "$?", "$", "\\", "=", "x=1", ";", "&&", "||", ">", "/proc/sys/net/ipv4/ip_forward", "net.ipv4.ip_forward=1",
            "-w", "-m", "65", "-q", "-f", "2>", "#", "{a,b}", "~", "*", "`", "$(x)", "'", "\"", "\t", "\u0000");

    private RandomScripts() {
    }

    private static List<String> corpus() {
        // from core's tests the corpus is at src/test/resources; from the CLI's, in the core module next door
        Path resources = Files.isDirectory(Path.of("src/test/resources/scripts")) ? Path.of("src/test/resources")
                : Path.of("../core/src/test/resources");
        try (Stream<Path> s = Stream.concat(Files.list(resources.resolve("scripts")), Files.list(resources.resolve("golden")))) {
            return s.filter(p -> p.toString().endsWith(".sh")).sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String script(Random r) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(4) == 0) {
            sb.append("set -e\n");
        }
        int lines = 1 + r.nextInt(25);
        for (int i = 0; i < lines; i++) {
            String line = mutate(LINES.get(r.nextInt(LINES.size())), r);
            switch (r.nextInt(12)) {
                case 0 -> sb.append("for X in ").append(word(r)).append(' ').append(word(r)).append("; do ").append(line).append("; done\n");
                case 1 -> sb.append(line).append(" && ").append(mutate(LINES.get(r.nextInt(LINES.size())), r)).append('\n');
                case 2 -> sb.append(line).append(" || echo failed $?\n");
                case 3 -> sb.append("X=").append(word(r)).append('\n').append(line).append('\n');
                default -> sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static String mutate(String line, Random r) {
        if (r.nextInt(3) == 0) {
            return line;
        }
        List<String> words = new ArrayList<>(List.of(line.split(" ")));
        for (int k = 1 + r.nextInt(2); k > 0 && words.size() > 1; k--) {
            int at = 1 + r.nextInt(words.size() - 1);
            switch (r.nextInt(3)) {
                case 0 -> words.set(at, word(r));
                case 1 -> words.add(at, word(r));
                default -> words.remove(at);
            }
        }
        return String.join(" ", words);
    }

    private static String word(Random r) {
        return WORDS.get(r.nextInt(WORDS.size()));
    }
}
