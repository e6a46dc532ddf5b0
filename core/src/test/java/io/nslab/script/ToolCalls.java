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
        int start = 0;
        for (int i = 0; i < answer.length; i++) {
            if (answer[i] != 0) {
                continue;
            }
            String f = new String(answer, start, i - start, java.nio.charset.StandardCharsets.UTF_8);
            start = i + 1;
            String text = f.substring(1);
            switch (f.charAt(0)) {
                case 'o', 'e' -> sb.append(text);
                case 'x' -> sb.append("[exit ").append(text).append("]\n");
                case 'w' -> words.add(text);
                case 'n' -> netns.add(text);
                case 'r', 'a' -> sb.append("[hand off ").append(f.charAt(0)).append(' ').append(netns).append(' ').append(words).append("]\n");
                default -> throw new AssertionError("frame " + f);
            }
        }
        return sb.toString();
    }
}
