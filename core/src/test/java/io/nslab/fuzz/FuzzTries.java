package io.nslab.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Multiplies a fuzz property's tries by the system property {@code nslab.fuzz.factor} (default 1):
 * {@code ./mvnw verify} runs the counts written in the annotations, {@code bench/fuzz.sh} many times more.
 */
public final class FuzzTries implements AroundPropertyHook {
    public static final String FACTOR = "nslab.fuzz.factor";

    public static int factor() {
        return Math.max(1, Integer.getInteger(FACTOR, 1));
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        context.attributes().tries().ifPresent(t -> context.attributes().setTries(t * factor()));
        return property.execute();
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS; // from the test class to its properties
    }

    @Override
    public int aroundPropertyProximity() {
        return -100; // outside jqwik's own hooks, so the tries are set before generation starts
    }
}
