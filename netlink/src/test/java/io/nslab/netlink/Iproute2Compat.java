package io.nslab.netlink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Run by {@link NamespacesKernelTest#compatibleWithIproute2} in a child JVM whose {@code /run/netns} is a
 * private tmpfs: a namespace created here is listed and entered by {@code ip netns}, one added by
 * {@code ip netns add} is opened and changed here, and deleting here is what {@code ip netns list} sees.
 * Prints {@link #AGREE} when all of that holds; exits 1 with what differed otherwise.
 */
public final class Iproute2Compat {
    static final String AGREE = "iproute2 and nslab agree on /run/netns";

    private Iproute2Compat() {
    }

    public static void main(String[] args) throws Exception {
        NamedNamespaces standard = NamedNamespaces.standard();
        String ours = "nltest";
        String theirs = "nltest-ip";
        standard.create(ours).close();
        expect(run("ip", "netns", "list").contains(ours), "ip netns list shows a namespace made here");
        String links = run("ip", "netns", "exec", ours, "ip", "-o", "link", "show");
        expect(links.contains("lo:") && !links.contains("eth0"), "ip netns exec enters it: " + links);
        run("ip", "netns", "add", theirs);
        expect(standard.list().contains(theirs), "a namespace from ip netns add is listed here");
        try (NetNs ns = standard.open(theirs); Netlink nl = Netlink.open(ns)) {
            nl.links().addBridge("br-ip");
        }
        expect(run("ip", "-n", theirs, "-o", "link", "show", "br-ip").contains("br-ip"), "ip sees a link made here");
        standard.delete(ours);
        run("ip", "netns", "delete", theirs);
        expect(!run("ip", "netns", "list").contains("nltest"), "ip netns list no longer shows either");
        System.out.println(AGREE);
    }

    private static void expect(boolean holds, String what) {
        if (!holds) {
            System.out.println("differs: " + what);
            System.exit(1);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            System.out.println("differs: " + String.join(" ", command) + " failed: " + out);
            System.exit(1);
        }
        return out;
    }
}
