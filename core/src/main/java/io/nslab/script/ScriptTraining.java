package io.nslab.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code nslab script}'s second JVM ({@link ScriptHost}, in the sandbox) does, in this JVM and without a
 * sandbox, for the ahead-of-time cache's training ({@code nslab aot-train}): the tools' files, the world files
 * with their inotify calls, the tool server and a star's tool calls over a socket, as bash makes them. The second
 * JVM shares the cache, so its classes and native calls then come from it instead of the jar: it reaches the
 * script's first line sooner.
 */
public final class ScriptTraining {
    private ScriptTraining() {
    }

    /** Runs the workload with its files under {@code dir} (an empty directory); returns the number of calls made. */
    public static int run(Path dir) throws IOException {
        ToolFiles.install(dir.resolve("tools"), Tools.SIMULATED);
        ScriptWorld world = new ScriptWorld();
        Files.createDirectories(dir.resolve("netns"));
        Files.createDirectories(dir.resolve("sys"));
        int calls = 0;
        try (WorldFiles files = new WorldFiles(dir.resolve("netns"), dir.resolve("sys"));
             ToolServer server = new ToolServer(world, Duration.ofSeconds(1), KernelProfile::full, files)) {
            files.bind(world, ScriptWorld.ROOT);
            server.start();
            files.watch(world, server);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                List<String> lines = new ArrayList<>(List.of("ip netns add r", "ip -n r link set lo up"));
                for (int k = 0; k < 8; k++) {
                    String h = "h" + k;
                    String net = "10.0." + k + ".";
                    lines.addAll(List.of("ip netns add " + h, "ip -n " + h + " link add eth0 type veth peer name " + h + " netns r",
                            "ip -n " + h + " addr add " + net + "2/24 dev eth0", "ip -n r addr add " + net + "1/24 dev " + h,
                            "ip -n " + h + " link set lo up", "ip -n " + h + " link set eth0 up", "ip -n r link set " + h + " up",
                            "ip -n " + h + " route add default via " + net + "1"));
                }
                lines.addAll(List.of("ip netns exec r sysctl -qw net.ipv4.ip_forward=1", "ip -n h0 route", "ip -br addr",
                        "ip netns exec h0 ping -c 1 10.0.7.2", "ip netns list", "ip -all netns delete"));
                for (String line : lines) {
                    call(in, out, line);
                    calls++;
                }
            }
        }
        return calls;
    }

    /** One call as tools.bash makes it, its answer read to the end (the exit frame). */
    private static void call(InputStream in, OutputStream out, String line) throws IOException {
        List<String> argv = List.of(line.split(" "));
        List<String> fields = new ArrayList<>(List.of(ToolServer.MAGIC, "", "/", "train.sh", "1", Integer.toString(argv.size())));
        fields.addAll(argv);
        StringBuilder sb = new StringBuilder();
        fields.forEach(f -> sb.append(f).append('\0'));
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            byte[] header = in.readNBytes(9);
            if (header.length < 9) {
                throw new IOException("the tool server ended the answer to " + line + " early");
            }
            int n = Integer.parseInt(new String(header, 1, 8, StandardCharsets.US_ASCII));
            if (header[0] == 'x' || header[0] == 'r' || header[0] == 'a') {
                return; // (r and a hand a program to the shell: the answer ends there)
            }
            in.readNBytes(n);
        }
    }
}
