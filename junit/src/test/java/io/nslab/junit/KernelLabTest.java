package io.nslab.junit;

import io.nslab.api.RunningLab;
import io.nslab.netlink.NamedNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The extension on the kernel. Fixture classes run through a launcher of their own, so that what they leave can be
 * looked at after JUnit has closed their labs, and so that two of them run in parallel.
 */
class KernelLabTest {
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    static NamedNamespaces registry() {
        return NamedNamespaces.at(Path.of(System.getProperty("nslab.netns-dir", "/run/netns")));
    }

    static TestExecutionSummary run(boolean parallel, Class<?>... classes) {
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request()
                .selectors(java.util.Arrays.stream(classes).map(c -> selectClass(c)).toList());
        if (parallel) {
            b.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
        }
        LauncherDiscoveryRequest request = b.build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    static void assertPassed(TestExecutionSummary s, long tests) {
        s.getFailures().forEach(f -> f.getException().printStackTrace());
        assertThat(s.getTotalFailureCount()).isZero();
        assertThat(s.getTestsSucceededCount()).isEqualTo(tests);
    }

    @Test
    void staticInstanceAndParameterLabsAreBuiltThenRemoved() {
        io.nslab.kernel.KernelTestSupport.assumePrivileged();
        SEEN.clear();
        TestExecutionSummary s = run(false, Scopes.class);
        assertPassed(s, 2);
        // the static lab for both tests, one instance lab and one parameter lab per test
        assertThat(SEEN).hasSize(5);
        assertThat(registry().list()).isEmpty();
    }

    @Test
    void twoClassesWithLabsOfOneFileRunInParallel() {
        io.nslab.kernel.KernelTestSupport.assumePrivileged();
        BARRIER.reset();
        TestExecutionSummary s = run(true, ParallelA.class, ParallelB.class);
        assertPassed(s, 2);
        assertThat(registry().list()).isEmpty();
    }

    static class Scopes {
        @NsLab("../examples/seed.yaml")
        static RunningLab shared;
        @NsLab("../examples/seed.yaml")
        RunningLab mine;

        void both(RunningLab param) {
            SEEN.addAll(List.of(shared.name(), mine.name(), param.name()));
            assertThat(registry().list()).contains(shared.name() + "-ns1", mine.name() + "-ns1", param.name() + "-a");
            assertThat(shared.reaches("ns1", "ns2")).isTrue();
            assertThat(param.node("a").exec("ping", "-c1", "-W1", "10.0.0.2").exitCode()).isZero();
        }

        @Test
        void one(@NsLab("labs/pair.yaml") RunningLab param) {
            both(param);
        }

        @Test
        void two(@NsLab("labs/pair.yaml") RunningLab param) {
            both(param);
        }
    }

    /** Both classes' tests must be running at once, each with its own seed lab up (netns-prefix "" in the file). */
    static final CyclicBarrier BARRIER = new CyclicBarrier(2);

    static void meet(RunningLab lab) throws InterruptedException, BrokenBarrierException, TimeoutException {
        assertThat(lab.reaches("ns1", "ns2")).isTrue();
        BARRIER.await(60, TimeUnit.SECONDS);
        assertThat(lab.check()).allMatch(c -> c.passed());
        assertThat(lab.node("ns1").exec("ip", "-br", "addr", "show", "v1").stdout()).contains("10.10.10.2/24");
    }

    static class ParallelA {
        @NsLab("../examples/seed.yaml")
        static RunningLab lab;

        @Test
        void meets() throws Exception {
            meet(lab);
        }
    }

    static class ParallelB {
        @NsLab("../examples/seed.yaml")
        static RunningLab lab;

        @Test
        void meets() throws Exception {
            meet(lab);
        }
    }
}
