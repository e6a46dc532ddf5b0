package io.nslab.script;

import io.nslab.model.NamespaceRef;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves the tool calls of a script's shells: on a loopback TCP port of the script's sandbox, which bash reaches
 * through {@code /dev/tcp} without starting a process (see tools.bash), or on a Unix socket, which the loadable
 * builtin reaches from a sandbox whose network is not this process's (see {@link ScriptSimulator}). Each shell
 * process keeps one connection; calls from any number of them apply to the one world, one at a time.
 *
 * <p>A call is NUL-terminated fields: {@code nslab1}, the namespace the caller is bound to (empty: the
 * root), its working directory, the script file and line it was called from, argc, then argv. The answer
 * is frames, each a letter, eight decimal digits (the length of its text in bytes) and its text: {@code o}
 * stdout, {@code e} stderr, {@code x} the exit status (in the digits, no text), which ends the answer; or, for
 * a program {@code ip netns exec} must run, {@code w} for each of its words and {@code n} for each namespace,
 * ended by {@code r} (run it bound to the namespace) or {@code a} (run it in each, as {@code ip -all netns exec}
 * does). A {@code p} frame, before the first answer of a connection, names the CPU the caller should run on (see
 * {@link #serveOn}). Lengths let bash read a frame with one read(2) ({@code read -N}); a NUL-ended frame costs a read(2)
 * per byte.
 */
final class ToolServer implements AutoCloseable {
    static final String MAGIC = "nslab1";
    /** Longest field of a call: far beyond any command line (the kernel's own limit is 128 KiB per argument). */
    static final int MAX_FIELD = 1 << 20;
    static final int MAX_ARGS = 1 << 16;
    /** Longest text of an answer's frame: what eight digits say. */
    static final int MAX_FRAME = 99_999_999;
    /** Not a tool: what tools.bash's cat sends before it reads a /proc/sys/net file, to bring the files in step. */
    static final String SETTLE = "__nslab_settle";

    /** What else must see each call: the files that mirror the world (/proc/sys/net, /run/netns). */
    interface Mirror {
        /** Before a call, under the world's lock: what the script wrote to the files since. */
        void beforeCall(ScriptWorld world);

        /**
         * After a call, under the lock: the world's changes written to the files, or some of them left to the caller
         * through {@code answer} ({@link Frames#make}); {@code answer} is null where no caller waits.
         */
        void afterCall(ScriptWorld world, Frames answer);

        /** Before {@code ip netns exec} hands a program to the shell: its namespace's files must exist. */
        void bind(ScriptWorld world, NamespaceRef netns);

        Mirror NONE = new Mirror() {
            public void beforeCall(ScriptWorld world) {
            }

            public void afterCall(ScriptWorld world, Frames answer) {
            }

            public void bind(ScriptWorld world, NamespaceRef netns) {
            }
        };
    }

    private final ScriptWorld world;
    private final Duration interruptAfter;
    private final java.util.function.Supplier<KernelProfile> profile;
    private final Mirror mirror;
    private ServerSocket server;
    private java.nio.channels.ServerSocketChannel unix;
    private final ReentrantLock lock = new ReentrantLock();

    ToolServer(ScriptWorld world, Duration interruptAfter, KernelProfile profile, Mirror mirror) throws IOException {
        this(world, interruptAfter, () -> profile, mirror);
    }

    /** A server whose kernel profile is asked for only by the calls that need it (see {@link ToolContext}). */
    ToolServer(ScriptWorld world, Duration interruptAfter, java.util.function.Supplier<KernelProfile> profile, Mirror mirror)
            throws IOException {
        this.world = world;
        this.interruptAfter = interruptAfter;
        this.profile = profile;
        this.mirror = mirror;
    }

    private volatile boolean sharesFiles = true;

    /** The CPU that calls are served on, or -1: any (see {@link #serveOn}). */
    private volatile int cpu = -1;

    /**
     * Serves each connection on one CPU, and asks each caller (a {@code p} frame before its first answer) to make its
     * calls from there too: a call and its answer then pass the CPU from one process to the other, where on two CPUs
     * each side would wake the other from idle, and in a virtual machine that wake costs more than the call
     * (docs/benchmarks.md, "One CPU"). The loadable builtin runs there for the length of each call only, so the shell
     * and what it starts keep their CPUs; tools.bash ignores the frame.
     */
    void serveOn(int cpu) {
        this.cpu = cpu;
    }

    /** The CPU a warm caller is asked to move to, away from {@link #serveOn}'s, or -1: none (see {@link #serve}). */
    private volatile int spinCpu = -1;

    /**
     * Where a caller whose calls are warm goes ({@link SpinningChannel}): a CPU of its own, the server keeping its one,
     * both trying for the other's next message before they sleep. -1: nowhere, each call passes the one CPU.
     */
    void spinCallersOn(int cpu) {
        this.spinCpu = cpu;
    }

    /** Whatever its answers take, a caller is asked to spin after {@link #WARM_CALLS} calls (ScriptSimulator's "always"). */
    private static boolean spinAlways() {
        return "always".equals(System.getProperty(ScriptSimulator.SPIN_PROPERTY));
    }

    /** Answers this quick, this many in a row, and a caller is warm: C1 has compiled what its calls run. */
    static final long QUICK_NANOS = 40_000;
    static final int WARM_CALLS = 128;
    /** How long each side tries for the other's next message before it sleeps (the builtin's spin_us is the same). */
    static final long SPIN_NANOS = 50_000;

    /**
     * The server does not see the script's files (it runs outside the script's sandbox): a file a tool reads is
     * only what the caller sends along, never one of this process's.
     */
    void filesFromCallerOnly() {
        sharesFiles = false;
    }

    /** The loopback port of {@link #start()}. */
    int port() {
        return server.getLocalPort();
    }

    /** Serves calls on a loopback TCP port of this network namespace, {@link #port()}. */
    void start() throws IOException {
        ServerSocket tcp = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        server = tcp;
        acceptLoop(() -> {
            Socket s = tcp.accept();
            s.setTcpNoDelay(true);
            return new Connection(s, s.getInputStream(), s.getOutputStream(), null);
        });
    }

    /**
     * A Unix socket not yet bound, for {@link #listen}. Opened apart because the JDK's first Unix socket starts its
     * {@code SecureRandom} (for names of sockets bound without one), some milliseconds that another thread can spend
     * while the script's files are made.
     */
    static java.nio.channels.ServerSocketChannel openUnix() throws IOException {
        return java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
    }

    /**
     * Serves calls on a Unix socket made at {@code path}, which anyone who can reach the file may connect to: the
     * loadable builtin does, from a sandbox that has a network of its own. {@code ch}, from {@link #openUnix}, is this
     * server's from now on, and closed with it.
     */
    void listen(java.nio.channels.ServerSocketChannel ch, Path path) throws IOException {
        unix = ch;
        ch.bind(java.net.UnixDomainSocketAddress.of(path), 128);
        acceptLoop(() -> {
            SpinningChannel s = new SpinningChannel(ch.accept());
            return new Connection(s::close, s.in(), s.out(), s);
        });
    }

    /** A caller's connection: its two streams, what closes it, and what makes it spin (null: it never does). */
    private record Connection(java.io.Closeable socket, InputStream in, OutputStream out, SpinningChannel spinning) {
    }

    private interface Acceptor {
        Connection accept() throws IOException;
    }

    /** Accepts connections until the listening socket closes; each is served on a thread of its own. */
    private void acceptLoop(Acceptor acceptor) {
        Thread.ofPlatform().daemon().name("nslab-tools-accept").start(() -> {
            while (true) {
                Connection c;
                try {
                    c = acceptor.accept();
                } catch (IOException e) {
                    return; // closed
                }
                Thread.ofPlatform().daemon().name("nslab-tools-conn").start(() -> {
                    try (java.io.Closeable socket = c.socket()) {
                        serve(c.in(), c.out(), pinned(), c.spinning());
                    } catch (IOException e) {
                        // the caller went away
                    }
                });
            }
        });
    }

    /** Runs {@code body} with the world to itself: no call runs meanwhile. */
    <T> T locked(java.util.function.Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** Pins the calling thread to {@link #serveOn}'s CPU: that CPU, or -1 where there is none or it is refused. */
    private int pinned() {
        int c = cpu;
        if (c < 0) {
            return -1;
        }
        try {
            io.nslab.netlink.CpuAffinity.pin(c);
            return c;
        } catch (RuntimeException e) {
            return -1; // outside this process's cpuset now: served from anywhere
        }
    }

    /**
     * Answers a connection's calls; the first answer asks the caller to run on {@code cpu}, unless it is -1. Once
     * {@link #WARM_CALLS} answers in a row have each taken less than {@link #QUICK_NANOS}, one more asks the caller to
     * move to {@link #spinCallersOn}'s CPU and spin, and {@code channel} spins from then on: before, a call slower than
     * the spin would cost the wake-up of a sleeping CPU, which on this kind of machine is dearer than the call.
     */
    private void serve(InputStream from, OutputStream out, int cpu, SpinningChannel channel) throws IOException {
        CallReader in = new CallReader(from);
        int other = spinCpu;
        // quick answers in a row; -1 once asked, or where the caller cannot be
        int warm = channel != null && cpu >= 0 && other >= 0 && other != cpu ? 0 : -1;
        long quick = spinAlways() ? Long.MAX_VALUE : QUICK_NANOS;
        try {
            boolean first = true;
            while (true) {
                List<String> fields = in.next();
                if (fields == null) {
                    return;
                }
                long start = warm >= 0 ? System.nanoTime() : 0;
                byte[] answer = answer(fields);
                boolean spin = false;
                if (warm >= 0) {
                    warm = System.nanoTime() - start < quick ? warm + 1 : 0;
                    spin = warm >= WARM_CALLS;
                }
                if (first && cpu >= 0 || spin) {
                    Frames p = new Frames();
                    if (first && cpu >= 0) {
                        p.runOn(cpu);
                    }
                    if (spin) {
                        p.spinOn(other);
                    }
                    out.write(p.bytes());
                }
                first = false;
                out.write(answer);
                out.flush();
                if (spin) {
                    channel.spin(SPIN_NANOS);
                    warm = -1;
                }
            }
        } catch (ProtocolException e) {
            // not a tool: the connection ends
        }
    }

    static final class ProtocolException extends Exception {
        ProtocolException(String why) {
            super(why, null, false, false);
        }
    }

    /** One call's fields, or null at the end of the connection. */
    static List<String> readCall(InputStream in) throws IOException, ProtocolException {
        return new CallReader(in).next();
    }

    /** The frames that answer one call. */
    byte[] answer(List<String> fields) {
        String netns = fields.get(1);
        Path cwd;
        try {
            cwd = Path.of(fields.get(2).isEmpty() ? "/" : fields.get(2));
        } catch (InvalidPathException e) {
            cwd = Path.of("/");
        }
        List<String> argv = List.copyOf(fields.subList(6, fields.size()));
        Frames frames = new Frames();
        if (!netns.isEmpty() && NamespaceRef.Named.problem(netns) != null) {
            frames.err("nslab script: \"" + netns + "\" is not a namespace name\n");
            frames.exit(1);
            return frames.bytes();
        }
        NamespaceRef ns = netns.isEmpty() ? ScriptWorld.ROOT : NamespaceRef.named(netns);
        String at = fields.get(3).concat(":").concat(fields.get(4)); // not +: an indy call site, slow while interpreted
        ToolContext context = new ToolContext(cwd, interruptAfter, profile);
        if (!sharesFiles) {
            context = context.filesFromCallerOnly();
        }
        lock.lock();
        try {
            mirror.beforeCall(world);
            if (argv.getFirst().equals(SETTLE)) { // cat of a /proc/sys/net file (tools.bash): the files brought in step
                mirror.afterCall(world, frames);
                frames.exit(0);
                return frames.bytes();
            }
            world.at(at, argv);
            int status;
            if (!world.exists(ns)) {
                frames.err("nslab script: " + argv.getFirst() + ": the network namespace \"" + netns
                        + "\" this process runs in was deleted; the simulator keeps no deleted namespace\n");
                status = 1;
            } else {
                status = Tools.run(new Invocation(world, frames, ns, argv, context));
            }
            if (status == Tools.HANDED_OFF) {
                for (String n : frames.handedTo()) {
                    mirror.bind(world, NamespaceRef.named(n));
                }
            }
            mirror.afterCall(world, frames);
            if (status != Tools.HANDED_OFF) {
                frames.exit(status & 0xff);
            }
        } finally {
            lock.unlock();
        }
        return frames.bytes();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        if (unix != null) {
            unix.close();
        }
    }

    /** An answer being written: consecutive writes to one stream make one frame. */
    static final class Frames implements Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final StringBuilder pending = new StringBuilder();
        private char pendingKind;
        private List<String> handedTo = List.of();
        private boolean handsOff;

        public void out(String text) {
            write('o', text);
        }

        public void err(String text) {
            write('e', text);
        }

        @Override
        public void handOff(List<String> command, List<String> namespaces, boolean each) {
            for (String w : command) {
                frame('w', w);
            }
            for (String n : namespaces) {
                frame('n', n);
            }
            frame(each ? 'a' : 'r', "");
            handedTo = List.copyOf(namespaces);
            handsOff = true;
        }

        List<String> handedTo() {
            return handedTo;
        }

        /** Whether the answer hands a program to the shell: it ends there, and the caller reads no frame after it. */
        boolean handsOff() {
            return handsOff;
        }

        /**
         * Asks the caller to make the empty file {@code path} (a namespace's in /run/netns, as the sandbox shows it) in
         * place of whatever is there, read-only for all, before its call returns: it makes it as the sandbox's root.
         */
        void make(String path) {
            frame('m', path);
        }

        /** Asks the caller to run on a CPU: its number as text. */
        void runOn(int cpu) {
            frame('p', Integer.toString(cpu));
        }

        /** Asks the caller to move to {@code cpu} and to try for each answer a while before it sleeps. */
        void spinOn(int cpu) {
            frame('s', Integer.toString(cpu));
        }

        void exit(int status) {
            flushPending();
            header('x', status);
        }

        private void write(char kind, String text) {
            if (text.isEmpty()) {
                return;
            }
            if (pendingKind != kind) {
                flushPending();
                pendingKind = kind;
            }
            pending.append(text);
        }

        private void flushPending() {
            if (pendingKind != 0) {
                emit(pendingKind, pending.toString());
                pending.setLength(0);
                pendingKind = 0;
            }
        }

        private void frame(char kind, String text) {
            flushPending();
            emit(kind, text);
        }

        private void emit(char kind, String text) {
            // bash's variables cannot hold a NUL: no tool prints one, and an argument cannot hold one
            byte[] b = text.replace("\0", "").getBytes(StandardCharsets.UTF_8);
            int at = 0;
            do { // (output beyond a frame's length goes on in the next: bash prints the pieces one after another)
                int n = Math.min(b.length - at, MAX_FRAME);
                header(kind, n);
                bytes.write(b, at, n);
                at += n;
            } while (at < b.length);
        }

        /** A frame's letter and its eight digits. */
        private void header(char kind, int n) {
            if (n < 0 || n > MAX_FRAME) {
                throw new IllegalStateException("a frame of " + n + " bytes");
            }
            bytes.write(kind);
            String digits = Integer.toString(n);
            for (int i = digits.length(); i < 8; i++) {
                bytes.write('0');
            }
            bytes.writeBytes(digits.getBytes(StandardCharsets.US_ASCII));
        }

        byte[] bytes() {
            flushPending();
            return bytes.toByteArray();
        }
    }
}
