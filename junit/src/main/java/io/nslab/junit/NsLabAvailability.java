package io.nslab.junit;

import io.nslab.api.World;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether the labs a class or a test needs can be built here, decided before JUnit runs it, so that a test without
 * the privilege is <em>skipped</em> with the reason. An abort from a parameter resolver would not do: JUnit wraps
 * whatever a resolver throws in a {@code ParameterResolutionException}, an error.
 */
final class NsLabAvailability {
    private NsLabAvailability() {
    }

    /**
     * For a class ({@code method} empty): the labs of its static fields. For a test method: those of the instance
     * fields and of the method's parameters. {@code unavailable} says why a world cannot be used here, or nothing.
     */
    static ConditionEvaluationResult of(Class<?> testClass, Optional<Method> method,
                                        Function<World, Optional<String>> unavailable) {
        for (NsLab a : labs(testClass, method)) {
            Optional<String> reason = unavailable.apply(a.world());
            if (reason.isPresent()) {
                return ConditionEvaluationResult.disabled(why(a, reason.get()));
            }
        }
        return ConditionEvaluationResult.enabled("the labs of @NsLab can be built here");
    }

    /** The reason given to a skipped test. */
    static String why(NsLab a, String reason) {
        return "@NsLab(\"" + a.value() + "\") needs the " + a.world() + " world: " + reason;
    }

    private static List<NsLab> labs(Class<?> testClass, Optional<Method> method) {
        List<NsLab> out = new ArrayList<>();
        boolean statics = method.isEmpty();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(NsLab.class) && Modifier.isStatic(f.getModifiers()) == statics) {
                    out.add(f.getAnnotation(NsLab.class));
                }
            }
        }
        method.ifPresent(m -> {
            for (Parameter p : m.getParameters()) {
                if (p.isAnnotationPresent(NsLab.class)) {
                    out.add(p.getAnnotation(NsLab.class));
                }
            }
        });
        return out;
    }
}
