package io.nslab.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Tool calls as the server answers them, in this JVM and without a shell: each command line is split on
 * blanks into an argv, run in the root namespace, and its answer decoded into what a shell would print.
 */
final class ToolCalls {
    private final ToolServer server;

    ToolCalls(ScriptWorld world) {
        this(world, KernelProfile.full());
    }

    ToolCalls(ScriptWorld world, KernelProfile profile) {
        try {
            server = new ToolServer(world, Duration.ofSeconds(4), profile, ToolServer.Mirror.NONE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Each line's output, then {@code [exit N]} (or {@code [hand off ...]}), as a transcript. */
    String run(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(call(List.of(line.trim().split("[ \t]+"))));
        }
        return sb.toString();
    }

    /** One call's answer, decoded: stdout and stderr text in order, then how it ended. */
    String call(List<String> argv) {
        return call("", argv);
    }

    String call(String netns, List<String> argv) {
        List<String> fields = new java.util.ArrayList<>(List.of(ToolServer.MAGIC, netns, Path.of("/").toString(), "t.sh", "1",
                Integer.toString(argv.size())));
        fields.addAll(argv);
        return decode(server.answer(fields));
    }

    static String decode(byte[] answer) {
        StringBuilder sb = new StringBuilder();
        List<String> words = new java.util.ArrayList<>();
        List<String> netns = new java.util.ArrayList<>();
        int at = 0;
        while (at < answer.length) {
            char kind = (char) answer[at];
            int n = Integer.parseInt(new String(answer, at + 1, 8, java.nio.charset.StandardCharsets.US_ASCII));
            at += 9;
            if (kind == 'x') {
                sb.append("[exit ").append(n).append("]\n");
                continue;
            }
            String text = new String(answer, at, n, java.nio.charset.StandardCharsets.UTF_8);
            at += n;
            switch (kind) {
                case 'o', 'e' -> sb.append(text);
                case 'w' -> words.add(text);
                case 'n' -> netns.add(text);
                case 'r', 'a' -> sb.append("[hand off ").append(kind).append(' ').append(netns).append(' ').append(words).append("]\n");
                default -> throw new AssertionError("frame " + kind);
            }
        }
        return sb.toString();
    }
}
