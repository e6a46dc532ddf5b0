package io.nslab.junit;

import io.nslab.api.RunningLab;
import io.nslab.api.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which labs decide whether a class or a test is skipped, with a world that cannot be used here played by a function
 * (as root, {@code Labs.unavailable} has no reason to give; examples/java-test shows the skip for real as an ordinary
 * user without user namespaces, docs/java-api.md).
 */
class NsLabAvailabilityTest {
    static final String NO_KERNEL = "neither root nor allowed to make user namespaces";

    final List<World> asked = new ArrayList<>();
    final Function<World, Optional<String>> kernelMissing = w -> {
        asked.add(w);
        return w == World.KERNEL ? Optional.of(NO_KERNEL) : Optional.empty();
    };

    static class StaticKernelLab {
        @NsLab("labs/pair.yaml")
        static RunningLab lab;

        void plain() {
        }
    }

    static class PerTestLabs {
        @NsLab(value = "labs/pair.yaml", world = World.SIM)
        RunningLab sim;

        void plain() {
        }

        void withKernelLab(@NsLab("../examples/seed.yaml") RunningLab lab) {
        }
    }

    static Optional<Method> method(Class<?> c, String name) {
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return Optional.of(m);
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void aStaticKernelLabSkipsTheClassWithTheReason() {
        ConditionEvaluationResult r = NsLabAvailability.of(StaticKernelLab.class, Optional.empty(), kernelMissing);
        assertThat(r.isDisabled()).isTrue();
        assertThat(r.getReason()).contains("@NsLab(\"labs/pair.yaml\") needs the KERNEL world: " + NO_KERNEL);
        // its tests then are not asked about the static field again
        assertThat(NsLabAvailability.of(StaticKernelLab.class, method(StaticKernelLab.class, "plain"), kernelMissing).isDisabled()).isFalse();
    }

    @Test
    void aKernelLabParameterSkipsItsTestOnlyAndASimulatedLabNeverSkips() {
        assertThat(NsLabAvailability.of(PerTestLabs.class, Optional.empty(), kernelMissing).isDisabled()).isFalse();
        assertThat(NsLabAvailability.of(PerTestLabs.class, method(PerTestLabs.class, "plain"), kernelMissing).isDisabled()).isFalse();
        ConditionEvaluationResult r = NsLabAvailability.of(PerTestLabs.class, method(PerTestLabs.class, "withKernelLab"), kernelMissing);
        assertThat(r.isDisabled()).isTrue();
        assertThat(r.getReason()).contains("@NsLab(\"../examples/seed.yaml\") needs the KERNEL world: " + NO_KERNEL);
        assertThat(asked).containsExactly(World.SIM, World.SIM, World.KERNEL);
    }

    @Test
    void whereEveryWorldCanBeUsedNothingIsSkipped() {
        assertThat(NsLabAvailability.of(PerTestLabs.class, method(PerTestLabs.class, "withKernelLab"), w -> Optional.empty())
                .isDisabled()).isFalse();
    }
}
