package io.nslab.netlink;

import io.nslab.netlink.msg.Message;
import io.nslab.netlink.msg.MessageType;
import io.nslab.netlink.msg.NetlinkError;
import io.nslab.netlink.msg.NetlinkFlags;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * Reads the multi-part answer to a dump request, for rtnetlink ({@link Netlink}) and nf_tables ({@link NfTables})
 * alike. A dump that the kernel marks NLM_F_DUMP_INTR (the table or ruleset changed while it was read) is thrown away
 * and asked for again, up to {@link #ATTEMPTS} times. The caller holds its handle's lock.
 */
final class DumpReader {
    static final int ATTEMPTS = 10;

    private DumpReader() {
    }

    /**
     * Asks for the dump ({@code send} sends it with the sequence number given) until an answer arrives whole; every
     * part but the NLMSG_DONE that ends it.
     */
    static List<Message> read(NetlinkSocket socket, int timeoutMillis, String what, IntSupplier nextSeq, IntConsumer send) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int seq = nextSeq.getAsInt();
            send.accept(seq);
            List<Message> parts = new ArrayList<>();
            if (!readOne(socket, timeoutMillis, what, seq, parts)) {
                return parts;
            }
        }
        throw new NetlinkException(what, LibC.EINTR, "dump interrupted by concurrent changes " + ATTEMPTS + " times");
    }

    /** Reads one dump to its NLMSG_DONE; returns true if it was interrupted. */
    private static boolean readOne(NetlinkSocket socket, int timeoutMillis, String what, int seq, List<Message> parts) {
        boolean interrupted = false;
        while (true) {
            for (Message m : Message.parseAll(socket.receive(timeoutMillis))) {
                if (m.header().seq() != seq) {
                    continue;
                }
                interrupted |= m.header().has(NetlinkFlags.DUMP_INTR);
                switch (m.type()) {
                    case MessageType.DONE -> {
                        ByteBuffer body = m.body();
                        int error = body.remaining() >= 4 ? body.getInt(0) : 0;
                        if (error < 0) {
                            throw new NetlinkException(what, -error, null);
                        }
                        return interrupted;
                    }
                    case MessageType.ERROR -> {
                        NetlinkError e = NetlinkError.parse(m);
                        throw new NetlinkException(what, e.errno(), e.extAckMessage().orElse(null));
                    }
                    default -> parts.add(m);
                }
            }
        }
    }
}
