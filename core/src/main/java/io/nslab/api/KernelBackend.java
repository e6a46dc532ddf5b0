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
    private boolean closed;

    private KernelBackend(Lab lab, Path netnsDir, KernelNetwork network, Deployer deployer) {
        this.lab = lab;
        this.netnsDir = netnsDir;
        this.network = network;
        this.deployer = deployer;
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
        return network;
    }

    KernelNetwork kernel() {
        return network;
    }

    /** The file of the node's network namespace, which {@code nsenter --net=} and setns open. */
    Path netnsFile(NodeName node) {
        return netnsDir.resolve(lab.namespaceOf(node).name());
    }

    Path recordDirectory() {
        return deployer.store().lab(lab.name()).directory();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deployer.down(lab.name());
        } finally {
            network.close();
        }
    }
}
