package io.nslab.junit;

import io.nslab.api.CheckResult;
import io.nslab.api.RunningLab;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

import java.util.stream.Stream;

/**
 * A lab's checks as JUnit results, one dynamic test each, named by the check:
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> checks() { return NsLabChecks.of(lab); }
 * }</pre>
 */
public final class NsLabChecks {
    private NsLabChecks() {
    }

    public static Stream<DynamicTest> of(RunningLab lab) {
        return lab.check().stream().map(c -> DynamicTest.dynamicTest(c.check(), () -> judge(c)));
    }

    private static void judge(CheckResult c) {
        if (!c.passed()) {
            throw new AssertionFailedError(c.check() + ": " + c.seen());
        }
    }
}
