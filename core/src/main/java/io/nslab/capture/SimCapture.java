package io.nslab.capture;

import io.nslab.model.NamespaceRef;
import io.nslab.sim.WireCrossing;
import io.nslab.sim.WireTap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulator's frames written as captures, one pcapng file per device they cross ({@code NODE-IFACE.pcapng} in
 * a directory): what {@code tcpdump -i IFACE} in each node would have written during the probe. Simulated time
 * starts at {@code startEpochNanos}.
 */
public final class SimCapture implements WireTap, AutoCloseable {
    private record Device(NamespaceRef netns, String dev) {
    }

    private final Path directory;
    private final Function<NamespaceRef, String> nodeName;
    private final long startEpochNanos;
    private final Map<Device, PcapngWriter> writers = new LinkedHashMap<>();
    private final Map<Device, Path> files = new LinkedHashMap<>();
    private final FrameBytes bytes = new FrameBytes();
    private int seq;
    /** When echo request {@code seq} left: the first crossing after ping said it sends it. */
    private double sent = -1;
    private long frames;
    private long last;

    /** {@code nodeName}: the lab's name for the node of a namespace, which names the files. */
    public SimCapture(Path directory, Function<NamespaceRef, String> nodeName, long startEpochNanos) {
        this.directory = directory;
        this.nodeName = nodeName;
        this.startEpochNanos = startEpochNanos;
    }

    @Override
    public void echoSequence(int seq) {
        this.seq = seq;
        this.sent = -1;
    }

    @Override
    public void crossed(WireCrossing c) {
        Device d = new Device(c.netns(), c.dev().value());
        // the walk does not advance its clock hop by hop: one frame after another, in the order they were sent
        long at = Math.max(startEpochNanos + Math.round(c.seconds() * 1e9), last + 1000);
        last = at;
        if (sent < 0) {
            sent = c.seconds();
        }
        // the request's timeval is its send time, and the reply echoes the request's data
        byte[] frame = bytes.frame(c.frame(), seq, startEpochNanos + Math.round(sent * 1e9));
        try {
            PcapngWriter w = writers.get(d);
            if (w == null) {
                Path file = directory.resolve(nodeName.apply(c.netns()) + "-" + c.dev().value() + ".pcapng");
                w = new PcapngWriter(new BufferedOutputStream(Files.newOutputStream(file)), false, "nslab ping --sim");
                w.addInterface(c.dev().value(), CaptureFilter.SNAPLEN);
                writers.put(d, w);
                files.put(d, file);
            }
            w.packet(0, at, frame, frame.length, c.outgoing() ? PcapngWriter.Direction.OUTBOUND : PcapngWriter.Direction.INBOUND);
            frames++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files written, in the order their devices first saw a frame. */
    public List<Path> files() {
        return new ArrayList<>(files.values());
    }

    public long frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (PcapngWriter w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
