package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.NslabException;
import io.nslab.capture.SimCapture;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.NodeName;
import io.nslab.sim.SimNetwork;
import io.nslab.sim.WireTap;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ping --sim --pcap DIR}: the simulated probe's frames written as each interface would have captured them,
 * one pcapng file per interface ({@code DIR/NODE-IFACE.pcapng}), so a learner opens the path hop by hop in Wireshark.
 */
final class PingCapture implements AutoCloseable {
    private final SimNetwork network;
    private final SimCapture capture;
    private final Path directory;

    private PingCapture(SimNetwork network, SimCapture capture, Path directory) {
        this.network = network;
        this.capture = capture;
        this.directory = directory;
    }

    /** Starts watching {@code network}'s wires; exits 2 on the kernel, whose captures are {@code nslab capture}'s. */
    static PingCapture attach(Network network, Lab lab, Path directory) {
        if (!(network instanceof SimNetwork sim)) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab ping: --pcap writes the simulator's frames and needs --sim; on the "
                    + "kernel, capture an interface while you ping: nslab capture LAB NODE:IFACE -w FILE.pcapng");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab ping: --pcap " + directory + ": cannot make the directory ("
                    + e.getMessage() + ")");
        }
        Map<NamespaceRef, String> names = new HashMap<>();
        for (NodeName n : lab.nodes().keySet()) {
            names.putIfAbsent(lab.netnsOf(n), n.value());
        }
        SimCapture capture = new SimCapture(directory, ns -> names.getOrDefault(ns, ns.isHost() ? "host" : ns.toString()),
                System.currentTimeMillis() * 1_000_000L);
        sim.tap(capture);
        return new PingCapture(sim, capture, directory);
    }

    /** Closes the files and says on {@code err} what was written. */
    void finish(PrintWriter err) {
        close();
        err.println("nslab: " + capture.frames() + (capture.frames() == 1 ? " frame" : " frames") + " written to "
                + capture.files().size() + (capture.files().size() == 1 ? " file" : " files") + " in " + directory
                + (capture.files().isEmpty() ? "" : ": " + String.join(" ", capture.files().stream().map(p -> p.getFileName().toString()).toList())));
        err.flush();
    }

    @Override
    public void close() {
        network.tap(WireTap.NONE);
        try {
            capture.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
