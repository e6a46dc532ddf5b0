package io.nslab.junit;

import io.nslab.api.World;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A running lab for a test: on a field or a parameter of type {@link io.nslab.api.RunningLab}.
 * <ul>
 *   <li>a {@code static} field: one lab for the whole class, built before the first test, removed after the last;</li>
 *   <li>an instance field or a test method's parameter: a lab per test, removed after it.</li>
 * </ul>
 * <pre>{@code
 * class EchoTest {
 *     @NsLab("labs/seed.yaml") static RunningLab lab;
 *
 *     @Test
 *     void clientReachesServer() { assertTrue(lab.reaches("ns1", "ns2")); }
 * }
 * }</pre>
 * The lab file is found relative to the working directory (a Maven module's directory), else as a class-path
 * resource. In the kernel world a test is skipped, with the reason, where this process may not build namespaces;
 * the simulator ({@code world = World.SIM}) needs no privilege. Every lab gets a name of its own, so classes and
 * methods run in parallel (JUnit's parallel execution) with labs of the same file do not collide.
 *
 * <p>Directories can be moved with the configuration parameters {@code nslab.netns-dir} and {@code nslab.state-dir}
 * (system properties or junit-platform.properties), for tests that keep their namespaces out of /run/netns.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(NsLabExtension.class)
public @interface NsLab {
    /** The lab file. */
    String value();

    /** Where the lab is built. */
    World world() default World.KERNEL;
}
