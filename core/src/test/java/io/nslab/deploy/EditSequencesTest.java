package io.nslab.deploy;

import io.nslab.kernel.Privilege;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

import java.io.IOException;
import java.util.List;

/**
 * Random edit sequences with incremental {@code up}, while other programs take and free names: 200 in the
 * simulator (every machine), 50 on the kernel (where this process may make namespaces; CI is root). Shrinking gives
 * the shortest failing sequence; jqwik prints the seed to run it again.
 */
class EditSequencesTest {

    @Provide
    Arbitrary<List<Edit>> sequences() {
        return EditSequences.sequences(14);
    }

    // FULL: bounded shrinking gives up after 10 s by abandoning the thread that runs the property, whose worlds
    // then never get closed
    @Property(tries = 200, shrinking = ShrinkingMode.FULL)
    void inTheSimulator(@ForAll("sequences") List<Edit> edits) throws IOException {
        EditSequences.check("sim", edits);
    }

    @Property(tries = 50, shrinking = ShrinkingMode.FULL)
    @AddLifecycleHook(KernelOnly.class)
    void onTheKernel(@ForAll("sequences") List<Edit> edits) throws IOException {
        EditSequences.check("kernel", edits);
    }

    /** Skips a property, saying why, where this process may not make namespaces. */
    static final class KernelOnly implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            String missing = Privilege.missing();
            if (missing == null) {
                return SkipResult.doNotSkip();
            }
            System.out.println("SKIPPED kernel test: " + missing);
            return SkipResult.skip(missing);
        }
    }
}
