package io.nslab.netlink.msg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes ({@code struct rtattr}/{@code struct nlattr}) of a message or of a nested attribute, by type.
 * The {@code NLA_F_NESTED} and {@code NLA_F_NET_BYTEORDER} bits are masked off the type; when a type repeats,
 * {@link #get} returns the last one and {@link #all} all of them.
 */
public final class Attributes {
    private static final int TYPE_MASK = 0x3fff;

    private final Map<Integer, List<ByteBuffer>> byType;

    private Attributes(Map<Integer, List<ByteBuffer>> byType) {
        this.byType = byType;
    }

    /** Parses attributes from the buffer's position to its limit. */
    public static Attributes parse(ByteBuffer buffer) {
        ByteBuffer in = buffer.duplicate().order(ByteOrder.nativeOrder());
        Map<Integer, List<ByteBuffer>> map = new LinkedHashMap<>();
        while (in.remaining() >= MessageBuilder.ATTR_HEADER) {
            int start = in.position();
            int length = Short.toUnsignedInt(in.getShort());
            int type = Short.toUnsignedInt(in.getShort()) & TYPE_MASK;
            if (length < MessageBuilder.ATTR_HEADER || length > in.limit() - start) {
                throw new MalformedMessageException(
                        "attribute " + type + " at offset " + start + " claims " + length + " bytes");
            }
            ByteBuffer payload = in.slice(start + MessageBuilder.ATTR_HEADER, length - MessageBuilder.ATTR_HEADER)
                    .order(ByteOrder.nativeOrder());
            map.computeIfAbsent(type, t -> new ArrayList<>()).add(payload);
            in.position(Math.min(in.limit(), start + MessageBuilder.align(length)));
        }
        return new Attributes(map);
    }

    /** Parses the attributes that follow a fixed header of {@code fixedSize} bytes in a message payload. */
    public static Attributes after(ByteBuffer payload, int fixedSize) {
        ByteBuffer in = payload.duplicate();
        in.position(Math.min(in.limit(), in.position() + MessageBuilder.align(fixedSize)));
        return parse(in);
    }

    public boolean has(int type) {
        return byType.containsKey(type);
    }

    /** The payload of the last attribute of this type, as a fresh read-only view. */
    public Optional<ByteBuffer> get(int type) {
        List<ByteBuffer> list = byType.get(type);
        return list == null ? Optional.empty() : Optional.of(view(list.getLast()));
    }

    public List<ByteBuffer> all(int type) {
        return byType.getOrDefault(type, List.of()).stream().map(Attributes::view).toList();
    }

    public int u8(int type, int fallback) {
        return get(type).map(b -> Byte.toUnsignedInt(b.get(0))).orElse(fallback);
    }

    public int u16(int type, int fallback) {
        return get(type).map(b -> Short.toUnsignedInt(b.getShort(0))).orElse(fallback);
    }

    /** A 32-bit attribute; the caller decides whether it is signed. */
    public int u32(int type, int fallback) {
        return get(type).map(b -> b.getInt(0)).orElse(fallback);
    }

    /** A 32-bit attribute in network byte order ({@code NLA_BE32}), as nfnetlink sends integers. */
    public int be32(int type, int fallback) {
        return get(type).map(b -> b.order(ByteOrder.BIG_ENDIAN).getInt(0)).orElse(fallback);
    }

    /** A 64-bit attribute in network byte order ({@code NLA_BE64}). */
    public long be64(int type, long fallback) {
        return get(type).map(b -> b.order(ByteOrder.BIG_ENDIAN).getLong(0)).orElse(fallback);
    }

    /** A string attribute without its terminating NUL, if any. */
    public Optional<String> string(int type) {
        return get(type).map(b -> {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        });
    }

    public Optional<byte[]> bytes(int type) {
        return get(type).map(b -> {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        });
    }

    /** The attributes nested in an attribute of this type; empty when it is absent. */
    public Attributes nested(int type) {
        return get(type).map(Attributes::parse).orElse(new Attributes(Collections.emptyMap()));
    }

    public java.util.Set<Integer> types() {
        return Collections.unmodifiableSet(byType.keySet());
    }

    private static ByteBuffer view(ByteBuffer b) {
        return b.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }
}
