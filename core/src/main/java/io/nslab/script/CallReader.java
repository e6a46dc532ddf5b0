package io.nslab.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a connection's calls ({@link ToolServer}'s protocol: NUL-terminated fields) through a buffer of its own, a
 * read(2) for what has arrived and a scan for the NULs, where a byte at a time through a {@code BufferedInputStream}
 * (a lock per byte) cost the server 15-20 ms of the 1000-host star's 8,003 calls.
 */
final class CallReader {
    private final InputStream in;
    private byte[] buf = new byte[65536];
    /** The unread bytes are buf[at, end). */
    private int at;
    private int end;

    CallReader(InputStream in) {
        this.in = in;
    }

    /** The next call's fields, or null at the end of the connection. */
    List<String> next() throws IOException, ToolServer.ProtocolException {
        List<String> fields = new ArrayList<>(12);
        int argc = -1;
        while (true) {
            int nul = nul();
            if (nul < 0) {
                if (end - at > ToolServer.MAX_FIELD) {
                    throw new ToolServer.ProtocolException("a field longer than " + ToolServer.MAX_FIELD);
                }
                if (!fill()) {
                    if (fields.isEmpty() && at == end) {
                        return null;
                    }
                    throw new ToolServer.ProtocolException("the call ended early");
                }
                continue;
            }
            if (nul - at > ToolServer.MAX_FIELD) {
                throw new ToolServer.ProtocolException("a field longer than " + ToolServer.MAX_FIELD);
            }
            fields.add(new String(buf, at, nul - at, StandardCharsets.UTF_8));
            at = nul + 1;
            if (fields.size() == 1 && !fields.getFirst().equals(ToolServer.MAGIC)) {
                throw new ToolServer.ProtocolException("not a tool call");
            }
            if (fields.size() == 6) {
                try {
                    argc = Integer.parseInt(fields.get(5));
                } catch (NumberFormatException e) {
                    throw new ToolServer.ProtocolException("argc " + fields.get(5));
                }
                if (argc < 1 || argc > ToolServer.MAX_ARGS) {
                    throw new ToolServer.ProtocolException("argc " + argc);
                }
            }
            if (argc > 0 && fields.size() == 6 + argc) {
                return fields;
            }
        }
    }

    /** Where the next NUL is among the unread bytes, or -1. */
    private int nul() {
        for (int i = at; i < end; i++) {
            if (buf[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Reads more after the unread bytes (moved to the front, the buffer grown when full); false at the end. */
    private boolean fill() throws IOException {
        if (at > 0) {
            System.arraycopy(buf, at, buf, 0, end - at);
            end -= at;
            at = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }
}
