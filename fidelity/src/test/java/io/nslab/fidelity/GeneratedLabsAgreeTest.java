package io.nslab.fidelity;

import io.nslab.model.Lab;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof of agreement in CI: a few hundred generated labs, each built in the kernel (private namespaces, removed
 * afterwards) and in the simulator, must agree on refused ops, snapshots, pings and traceroutes. Seeded: the seed
 * range is printed and every lab can be drawn again ({@code bench/fidelity.sh 1 SEED}). A disagreement prints its
 * report and the smallest lab shrinking finds from it. {@code -Dfidelity.labs=N -Dfidelity.seed=S} change the run.
 */
class GeneratedLabsAgreeTest {
    private static final int LABS = Integer.getInteger("fidelity.labs", 300);
    private static final long SEED = Long.getLong("fidelity.seed", 1_000_000L);
    private static final int PARALLEL = Integer.getInteger("fidelity.parallel", 8);
    private static final Duration SHRINK_BUDGET = Duration.ofSeconds(90);

    @Test
    void generatedLabsAgreeInBothWorlds() throws Exception {
        String missing = ThrowawayNamespaces.missingPrivilege();
        if (missing != null) {
            System.out.println("SKIPPED kernel test: " + missing);
        }
        Assumptions.assumeTrue(missing == null, missing);
        System.out.println("fidelity: " + LABS + " labs from seed " + SEED + ", " + PARALLEL + " at a time");
        FidelityRun.Result r = FidelityRun.run(SEED, LABS, PARALLEL, System.out);
        System.out.println(r.summary());
        if (!r.disagreements().isEmpty()) {
            Verdict first = r.disagreements().getFirst();
            System.out.println(first.report());
            long seed = Long.parseLong(first.lab().name().substring("gen".length()));
            Lab small = FidelityRun.shrink(seed, SHRINK_BUDGET.toMillis());
            System.out.println("=== shrunk from seed " + seed + "\n" + DifferentialRunner.run(small).report());
        }
        assertThat(r.agreeingLabs()).as(r.summary()).isEqualTo(r.labs());
        assertThat(r.agreeingProbes()).isEqualTo(r.probes()).isPositive();
    }
}
