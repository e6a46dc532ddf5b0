package io.nslab.kernel.probe;

import io.nslab.netlink.NetNs;
import io.nslab.probe.PortProtocol;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.Optional;

/**
 * The socket nslab listens with in the target node for one probe, when nothing listens on the port there: opened on
 * a thread inside that namespace (a socket belongs to the namespace it was made in, and stays there whichever thread
 * uses it), TCP's bound to the wildcard address so that every address of the node answers. TCP needs no accept: the
 * kernel completes handshakes into the backlog. UDP datagrams are answered with their own bytes, so that {@code open}
 * means an answer came back.
 */
final class PortListener implements AutoCloseable {
    private final java.io.Closeable socket;
    private final Thread echo;

    private PortListener(java.io.Closeable socket, Thread echo) {
        this.socket = socket;
        this.echo = echo;
    }

    /** A listener on {@code port}, or empty when something is bound to the port already (a service of the user's). */
    static Optional<PortListener> open(NetNs ns, PortProtocol protocol, int port, boolean v6, InetAddress destination) {
        StandardProtocolFamily family = v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        InetSocketAddress any;
        try {
            any = new InetSocketAddress(InetAddress.getByAddress(new byte[v6 ? 16 : 4]), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return ns.call(() -> switch (protocol) {
            case TCP -> {
                ServerSocketChannel s = ServerSocketChannel.open(family);
                try {
                    s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    s.bind(any, 64);
                } catch (BindException inUse) {
                    s.close();
                    yield Optional.<PortListener>empty();
                }
                yield Optional.of(new PortListener(s, null));
            }
            case UDP -> {
                // bound to the address the datagram goes to where the node has it: a wildcard socket would answer from the
                // address its route picks, which the prober's connected socket does not take as its peer's
                DatagramChannel d = DatagramChannel.open(family);
                try {
                    try {
                        d.bind(new InetSocketAddress(destination, port));
                    } catch (BindException notHere) {
                        if (!String.valueOf(notHere.getMessage()).contains("assign requested address")) {
                            throw notHere;
                        }
                        d.bind(any); // behind destination NAT: the node holds another address
                    }
                } catch (BindException inUse) {
                    d.close();
                    yield Optional.<PortListener>empty();
                }
                Thread t = Thread.ofVirtual().name("nslab-udp-listener-" + port).start(() -> answer(d));
                yield Optional.of(new PortListener(d, t));
            }
        });
    }

    private static void answer(DatagramChannel d) {
        ByteBuffer b = ByteBuffer.allocate(2048);
        try {
            while (true) {
                b.clear();
                java.net.SocketAddress from = d.receive(b);
                b.flip();
                d.send(b, from);
            }
        } catch (IOException closed) {
            // closed at the end of the probe
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do: the descriptor is gone either way
        }
        if (echo != null) {
            try {
                echo.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
