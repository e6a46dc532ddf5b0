package io.nslab.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A caller's Unix socket as two streams that block until {@link #spin} and then, for each read, first try for a while
 * without blocking before they wait. Once the shell and the server run on two CPUs that both try so (the shell's builtin
 * does the same, ToolServer's {@code s} frame), a call passes between them without either one sleeping: on this kind
 * of virtual machine a call's round trip takes 4.6 µs so, 11.5 µs when both block on one CPU, 58 µs when both block on
 * two (docs/benchmarks.md, "The first calls' cold code"). Only a warm caller is asked to (ToolServer#serve): a call
 * longer than the wait costs the 58 µs wake-up instead.
 */
final class SpinningChannel {
    private final SocketChannel channel;
    private long spinNanos;
    private Selector selector;
    private SelectionKey key;

    SpinningChannel(SocketChannel channel) {
        this.channel = channel;
    }

    /** From now on, each read tries for up to {@code nanos} before it waits. */
    void spin(long nanos) throws IOException {
        if (selector == null) {
            selector = Selector.open();
            channel.configureBlocking(false);
            key = channel.register(selector, SelectionKey.OP_READ);
        }
        spinNanos = nanos;
    }

    /** Closes the channel and the selector it waits with. */
    void close() throws IOException {
        try (SocketChannel c = channel; Selector s = selector) {
            // both closed, the selector first
        }
    }

    InputStream in() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                if (selector == null) {
                    return channel.read(buf); // blocking: never 0
                }
                long until = System.nanoTime() + spinNanos;
                while (true) {
                    int n = channel.read(buf);
                    if (n != 0) {
                        return n;
                    }
                    if (System.nanoTime() - until < 0) {
                        Thread.onSpinWait();
                    } else {
                        waitFor(SelectionKey.OP_READ);
                    }
                }
            }
        };
    }

    OutputStream out() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    if (channel.write(buf) == 0) {
                        waitFor(SelectionKey.OP_WRITE); // only without blocking: a blocking write writes all
                    }
                }
            }
        };
    }

    private void waitFor(int op) throws IOException {
        key.interestOps(op);
        selector.select();
        selector.selectedKeys().clear();
    }
}
