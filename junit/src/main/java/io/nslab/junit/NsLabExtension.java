package io.nslab.junit;

import io.nslab.api.LabOptions;
import io.nslab.api.Labs;
import io.nslab.api.RunningLab;
import io.nslab.api.World;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the labs of {@link NsLab} fields and parameters and removes them through JUnit's store: a static field's lab
 * lives in the class's context, an instance field's or a parameter's in the test's, and is closed when that context
 * ends — also when the test fails. A class or test whose labs cannot be built here (no root, no user namespaces) is
 * skipped with the reason before it starts ({@link NsLabAvailability}).
 */
public final class NsLabExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NsLabExtension.class);

    /** Closes its lab when the context that holds it ends. */
    private record Held(RunningLab lab) implements AutoCloseable {
        @Override
        public void close() {
            lab.close();
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("no test class");
        }
        return NsLabAvailability.of(context.getRequiredTestClass(), context.getTestMethod(), w -> unavailable(w, context));
    }

    /** {@link Labs#unavailable}, asked once a run per world (for a JVM that is not root it starts a process). */
    @SuppressWarnings("unchecked")
    private static Optional<String> unavailable(World world, ExtensionContext context) {
        return (Optional<String>) context.getRoot().getStore(NS)
                .getOrComputeIfAbsent("unavailable " + world, k -> Labs.unavailable(world), Optional.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        for (Field f : fields(context.getRequiredTestClass(), true)) {
            set(f, null, up(f.getAnnotation(NsLab.class), context, f.toString()));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field f : fields(instance.getClass(), false)) {
                set(f, instance, up(f.getAnnotation(NsLab.class), context, f.toString()));
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.isAnnotated(NsLab.class) && p.getParameter().getType() == RunningLab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        NsLab a = p.findAnnotation(NsLab.class).orElseThrow(() -> new ParameterResolutionException("no @NsLab"));
        return up(a, e, p.getParameter().toString());
    }

    private static List<Field> fields(Class<?> type, boolean statics) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(NsLab.class) && Modifier.isStatic(f.getModifiers()) == statics) {
                    if (f.getType() != RunningLab.class) {
                        throw new ExtensionConfigurationException("@NsLab field " + f + " must be of type RunningLab");
                    }
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static void set(Field f, Object instance, RunningLab lab) {
        try {
            f.setAccessible(true);
            f.set(instance, lab);
        } catch (IllegalAccessException | RuntimeException e) {
            lab.close();
            throw new ExtensionConfigurationException("cannot set @NsLab field " + f + ": " + e.getMessage(), e);
        }
    }

    private static RunningLab up(NsLab a, ExtensionContext context, String where) {
        unavailable(a.world(), context).ifPresent(reason -> {
            throw new TestAbortedException(NsLabAvailability.why(a, reason)); // where no condition asked: a lifecycle method's parameter
        });
        LabOptions options = Labs.in(a.world());
        context.getConfigurationParameter("nslab.netns-dir").map(Path::of).ifPresent(options::netnsDir);
        context.getConfigurationParameter("nslab.state-dir").map(Path::of).ifPresent(options::stateDir);
        Path file = Path.of(a.value());
        RunningLab lab;
        if (Files.isRegularFile(file)) {
            lab = options.up(file);
        } else {
            lab = options.up(a.value(), resource(a.value(), context, where));
        }
        context.getStore(NS).put(new Object(), new Held(lab));
        return lab;
    }

    private static String resource(String name, ExtensionContext context, String where) {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        try (InputStream in = loader.getResourceAsStream(name.startsWith("/") ? name.substring(1) : name)) {
            if (in == null) {
                throw new ExtensionConfigurationException("@NsLab on " + where + ": no lab file \"" + name + "\" in "
                        + Path.of("").toAbsolutePath() + " nor on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
