package io.nslab.cli;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium, driven through the DevTools protocol over a WebSocket (java.net.http): one page, whose
 * console errors, uncaught exceptions and network requests are recorded. Chromium runs in a process group of its own
 * ({@code setsid}) with a private profile directory; closing ends that group alone and removes the directory.
 */
final class Chromium implements AutoCloseable {
    private final Process process;
    private final Path profile;
    private WebSocket socket;
    /** The page's flattened session, once attached; commands without one go to the browser. */
    private volatile String session;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> events = Collections.synchronizedList(new ArrayList<>());

    /** The browser's path, or empty (with the reason printed by the caller) where Debian's chromium is not installed. */
    static Optional<String> find() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(p))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Chromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    static Chromium start(String binary) throws Exception {
        Path profile = Files.createTempDirectory("nslab-chromium-");
        List<String> command = new ArrayList<>(List.of("setsid", binary, "--headless", "--disable-gpu", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--disable-features=MediaRouter,OptimizationHints,Translate", "--hide-scrollbars", "--mute-audio"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--no-sandbox"); // Chromium refuses to run its sandbox as root
        }
        command.add("about:blank");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile());
        // its singleton's directory (org.chromium.Chromium.*) inside the profile, which close() removes: in /tmp it was left
        pb.environment().put("TMPDIR", Files.createDirectory(profile.resolve("tmp")).toString());
        Process p = pb.start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
                }
                Thread.sleep(50);
            }
            List<String> lines = Files.readAllLines(portFile);
            URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
            Chromium page = new Chromium(p, profile);
            page.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, new Listener(page)).get(20, TimeUnit.SECONDS);
            String target = (String) page.call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId");
            page.session = (String) page.call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId");
            for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
                page.call(domain + ".enable", Map.of());
            }
            return page;
        } catch (Exception e) {
            stop(p, profile);
            throw e;
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final Chromium owner;
        private final StringBuilder text = new StringBuilder();

        Listener(Chromium owner) {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    owner.received(JSON.std.mapFrom(message));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            ws.request(1);
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private void received(Map<String, Object> message) {
        Object id = message.get("id");
        if (id != null) {
            CompletableFuture<Map<String, Object>> f = pending.remove(((Number) id).intValue());
            if (f != null) {
                if (message.containsKey("error")) {
                    f.completeExceptionally(new IllegalStateException("DevTools: " + message.get("error")));
                } else {
                    f.complete((Map<String, Object>) message.getOrDefault("result", Map.of()));
                }
            }
        } else {
            events.add(message);
        }
    }

    Map<String, Object> call(String method, Map<String, Object> params) throws Exception {
        return call(session, method, params);
    }

    private Map<String, Object> call(String session, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        Map<String, Object> message = new HashMap<>(Map.of("id", id, "method", method, "params", params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.std.asString(message), true).get(10, TimeUnit.SECONDS);
        return f.get(60, TimeUnit.SECONDS);
    }

    /** Opens the URL and waits for its load event. */
    void open(String url) throws Exception {
        int before = events.size();
        call("Page.navigate", Map.of("url", url));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (eventsNamed("Page.loadEventFired", before).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no load event for " + url);
            }
            Thread.sleep(20);
        }
    }

    /** The value of a JavaScript expression (JSON-like values). */
    @SuppressWarnings("unchecked")
    Object eval(String expression) throws Exception {
        Map<String, Object> r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.containsKey("exceptionDetails")) {
            throw new IllegalStateException("JavaScript threw: " + r.get("exceptionDetails"));
        }
        return ((Map<String, Object>) r.get("result")).get("value");
    }

    /** A real mouse click (pressed and released) at the centre of the element the selector finds. */
    @SuppressWarnings("unchecked")
    void click(String selector) throws Exception {
        Map<String, Object> box = (Map<String, Object>) eval("(function(){var e=document.querySelector(" + JSON.std.asString(selector)
                + ");e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();return {x:r.x+r.width/2,y:r.y+r.height/2};})()");
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", box.get("x"), "y", box.get("y"), "button", "left", "clickCount", 1));
        }
    }

    /** Sets the viewport (a phone's is 390 wide and mobile), then writes a PNG of the whole page. */
    void screenshot(int width, boolean mobile, Path png) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", mobile));
        Number height = (Number) eval("Math.ceil(document.documentElement.scrollHeight)");
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", Math.min(height.intValue(), 12000), "deviceScaleFactor", 1,
                "mobile", mobile));
        Map<String, Object> shot = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** Emulates print media, for the print stylesheet. */
    void printMedia(boolean on) throws Exception {
        call("Emulation.setEmulatedMedia", Map.of("media", on ? "print" : ""));
    }

    List<Map<String, Object>> eventsNamed(String method, int from) {
        synchronized (events) {
            return events.subList(Math.min(from, events.size()), events.size()).stream().filter(e -> method.equals(e.get("method"))).toList();
        }
    }

    /** Console errors, uncaught exceptions and log entries of level error, in words. */
    @SuppressWarnings("unchecked")
    List<String> errors() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> e : eventsNamed("Runtime.consoleAPICalled", 0)) {
            Map<String, Object> p = (Map<String, Object>) e.get("params");
            if (List.of("error", "assert", "warning").contains(p.get("type"))) {
                out.add("console." + p.get("type") + ": " + p.get("args"));
            }
        }
        eventsNamed("Runtime.exceptionThrown", 0).forEach(e -> out.add("exception: " + e.get("params")));
        for (Map<String, Object> e : eventsNamed("Log.entryAdded", 0)) {
            Map<String, Object> entry = (Map<String, Object>) ((Map<String, Object>) e.get("params")).get("entry");
            if (List.of("error", "warning").contains(entry.get("level"))) {
                out.add("log " + entry.get("level") + ": " + entry.get("text") + " " + entry.getOrDefault("url", ""));
            }
        }
        return out;
    }

    /** The URL of every request the page made. */
    @SuppressWarnings("unchecked")
    List<String> requests() {
        return eventsNamed("Network.requestWillBeSent", 0).stream()
                .map(e -> (String) ((Map<String, Object>) ((Map<String, Object>) e.get("params")).get("request")).get("url")).toList();
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.abort();
            }
        } finally {
            stop(process, profile);
        }
    }

    /** Ends the browser's process group (setsid made its pid the group's id) and removes its profile. */
    private static void stop(Process p, Path profile) {
        try {
            ProcessGroups.stop((int) p.pid(), 3000);
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            p.destroyForcibly();
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a profile file that vanished while being walked: nothing of ours is left to remove
            }
        }
    }
}
