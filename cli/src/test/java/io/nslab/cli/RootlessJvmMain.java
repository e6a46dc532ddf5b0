package io.nslab.cli;

import io.nslab.api.ExecResult;
import io.nslab.api.Labs;
import io.nslab.api.RunningLab;
import io.nslab.api.World;

import java.nio.file.Path;

/**
 * A small program of a user who is not root: the Java API ups a lab (the rootless way, as the command line does),
 * pings through it from a node and closes it. Run as nobody by RootlessTest.
 */
public final class RootlessJvmMain {
    private RootlessJvmMain() {
    }

    public static void main(String[] args) {
        System.out.println("unavailable: " + Labs.unavailable(World.KERNEL).orElse("no"));
        long start = System.nanoTime();
        try (RunningLab lab = Labs.up(Path.of(args[0]))) {
            System.out.printf("up in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            ExecResult ping = lab.node("ns1").exec("ping", "-c1", "-W2", "10.10.20.2");
            System.out.println("ping exit " + ping.exitCode() + ": " + ping.stdout().lines()
                    .filter(l -> l.contains("ttl=")).findFirst().orElse(ping.stderr()));
            System.out.println("id in router: " + lab.node("router").exec("id", "-u").stdout().strip());
            try {
                lab.reaches("ns1", "ns2");
                System.out.println("reaches: allowed");
            } catch (UnsupportedOperationException e) {
                System.out.println("reaches: " + e.getMessage());
            }
            start = System.nanoTime();
        }
        System.out.printf("closed in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }
}
