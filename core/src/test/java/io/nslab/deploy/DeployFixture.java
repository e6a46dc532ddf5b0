package io.nslab.deploy;

import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.KernelTestSupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * What deploy tests share: a private namespace directory, a kernel network on it and a state store
 * in a temporary directory; closing takes every lab still on record down, then removes the rest.
 */
final class DeployFixture implements AutoCloseable {
    final KernelTestSupport support;
    final KernelNetwork network;
    final StateStore store;
    private final UnaryOperator<Deployer> configure;

    private DeployFixture(KernelTestSupport support, Path state, UnaryOperator<Deployer> configure) {
        this.support = support;
        this.network = new KernelNetwork(support.registry());
        this.store = new StateStore(state.resolve("nslab"));
        this.configure = configure;
    }

    /** Skips the test, saying why, where namespaces cannot be made. */
    static DeployFixture create(Path state) throws IOException {
        return create(state, UnaryOperator.identity());
    }

    /** {@code configure} adjusts every deployer this fixture makes (for instance a fake /proc/sys). */
    static DeployFixture create(Path state, UnaryOperator<Deployer> configure) throws IOException {
        return new DeployFixture(KernelTestSupport.create(), state, configure);
    }

    Deployer deployer() {
        return configure.apply(new Deployer(store, network, new Interruption()));
    }

    @Override
    public void close() {
        try {
            for (String lab : store.labs()) {
                deployer().down(lab);
            }
        } finally {
            network.close();
            support.close();
        }
    }
}
