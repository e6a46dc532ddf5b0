package io.nslab.api;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.NslabException;
import io.nslab.deploy.Deployer;
import io.nslab.deploy.Interruption;
import io.nslab.deploy.KernelTarget;
import io.nslab.deploy.StateStore;
import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.Privilege;
import io.nslab.model.Lab;
import io.nslab.model.NodeName;
import io.nslab.netlink.NamedNamespaces;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A lab in the kernel, built and removed by the deploy engine ({@link Deployer}) exactly as {@code nslab up} and
 * {@code nslab down} do, with its ownership records; so {@code nslab status}, {@code exec} and {@code cleanup}
 * see it too.
 */
final class KernelBackend implements Backend {
    private final Lab lab;
    private final Path netnsDir;
    private final KernelNetwork network;
    private final Deployer deployer;
    /** The holder of a rootless lab (this JVM is not root); then network and deployer are null. */
    private final RootlessLabs.Session rootless;
    private boolean closed;

    private KernelBackend(Lab lab, Path netnsDir, KernelNetwork network, Deployer deployer) {
        this.lab = lab;
        this.netnsDir = netnsDir;
        this.network = network;
        this.deployer = deployer;
        this.rootless = null;
    }

    private KernelBackend(Lab lab, RootlessLabs.Session rootless) {
        this.lab = lab;
        this.netnsDir = rootless.netnsDir();
        this.network = null;
        this.deployer = null;
        this.rootless = rootless;
    }

    /** Builds the lab inside the user's rootless holder, as {@code nslab up} does for a user who is not root. */
    static KernelBackend upRootless(Lab lab, String text) {
        return new KernelBackend(lab, RootlessLabs.up(lab.name(), text));
    }

    /** What a command run in a node starts with: nsenter into the rootless holder, or nothing for root. */
    List<String> enterPrefix() {
        return rootless == null ? List.of() : rootless.enter();
    }

    boolean isRootless() {
        return rootless != null;
    }

    static KernelBackend up(Lab lab, String text, Path netnsDir, Path stateDir) {
        String missing = Privilege.missing();
        if (missing != null) {
            throw new NslabException(ExitCode.ENVIRONMENT, "lab " + lab.name() + ": " + missing);
        }
        KernelNetwork network = new KernelNetwork(NamedNamespaces.at(netnsDir));
        Deployer deployer = new Deployer(new StateStore(stateDir), new KernelTarget(network), new Interruption())
                .lockWait(Duration.ofSeconds(60), s -> { });
        try {
            deployer.up(lab, text, op -> { });
        } catch (RuntimeException e) {
            network.close(); // up rolled back what it made
            throw e;
        }
        KernelBackend b = new KernelBackend(lab, netnsDir, network, deployer);
        try {
            io.nslab.fault.Impairments.apply(network, java.util.Optional.empty(), lab); // the file's impair:
        } catch (RuntimeException e) {
            try {
                deployer.down(lab.name()); // nobody gets a handle to close it
            } finally {
                network.close();
            }
            throw e;
        }
        deployer.awaitCarrier(lab, Duration.ofSeconds(2)); // a packet sent before carrier is dropped
        return b;
    }

    @Override
    public World world() {
        return World.KERNEL;
    }

    @Override
    public Lab lab() {
        return lab;
    }

    @Override
    public Network network() {
        return kernel();
    }

    KernelNetwork kernel() {
        if (rootless != null) {
            throw new UnsupportedOperationException("lab " + lab.name() + " is rootless (this JVM is not root): this JVM cannot "
                    + "enter its namespaces (setns into a user namespace needs a single-threaded process), so ping, trace, "
                    + "check, faults and node.run are not available; run commands in a node with node.exec, e.g. "
                    + "node.exec(\"ping\", \"-c1\", ADDRESS); or run this JVM as root of a user namespace of its own, "
                    + "where all of it works: docs/java-api.md, \"Without root\" (for Maven, surefire's <jvm> set to "
                    + "examples/java-test/nslab-jvm/bin/java)");
        }
        return network;
    }

    /** The file of the node's network namespace, which {@code nsenter --net=} and setns open. */
    Path netnsFile(NodeName node) {
        return netnsDir.resolve(lab.namespaceOf(node).name());
    }

    Path recordDirectory() {
        return rootless != null ? rootless.stateDir().resolve(lab.name()) : deployer.store().lab(lab.name()).directory();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (rootless != null) {
            RootlessLabs.down(rootless, lab.name());
            return;
        }
        try {
            deployer.down(lab.name());
        } finally {
            network.close();
        }
    }
}
