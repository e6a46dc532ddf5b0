package io.nslab.fidelity;

import net.jqwik.engine.execution.lifecycle.CurrentTestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

import java.util.function.Supplier;

/**
 * jqwik generators and shrinkers keep state in a store tied to the running test; outside of a property (a
 * bench run, a thread of our own) they refuse to run. This gives them a descriptor to hang it on, as jqwik's
 * own {@code Arbitrary.sample()} does; one at a time, since jqwik creates the store lazily. Uses jqwik engine API that is public but not documented; the version
 * is pinned in the root pom.
 */
final class OutsideProperty {
    private static final EngineDescriptor DESCRIPTOR = new EngineDescriptor(UniqueId.forEngine("nslab-fidelity"), "fidelity");

    private OutsideProperty() {
    }

    static synchronized <T> T run(Supplier<T> action) {
        return CurrentTestDescriptor.runWithDescriptor(DESCRIPTOR, action);
    }
}
