package io.nslab.fidelity;

import io.nslab.model.Lab;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Draws labs {@code seed, seed+1, ... seed+N-1} (lab i from {@code new Random(seed + i)}, so any one can be
 * drawn again alone) and runs each in both worlds, several at a time. Used by the CI test and by
 * {@code bench/fidelity.sh}.
 */
public final class FidelityRun {
    /** jqwik's generation size: how large lists and numbers may grow. */
    static final int GEN_SIZE = 1000;

    /** The figures of a run. */
    public record Result(long firstSeed, int labs, int agreeingLabs, int probes, int agreeingProbes, List<Verdict> disagreements,
                         int retried, long millis) {

        public String summary() {
            return "agreement: " + agreeingLabs + "/" + labs + " labs, " + agreeingProbes + "/" + probes + " probes"
                    + " (seeds " + firstSeed + ".." + (firstSeed + labs - 1) + ", " + millis / 1000.0 + " s; "
                    + retried + " kernel probes asked again)";
        }
    }

    private FidelityRun() {
    }

    /** The lab of one seed, as jqwik drew it (shrinkable). */
    public static Shrinkable<Blueprint> draw(long seed) {
        return OutsideProperty.run(() -> {
            RandomGenerator<Blueprint> gen = LabGenerator.blueprints().generator(GEN_SIZE);
            return gen.next(new Random(seed));
        });
    }

    public static Lab lab(long seed) {
        return BlueprintLab.build(draw(seed).value(), "gen" + seed);
    }

    public static Result run(long firstSeed, int labs, int parallel, PrintStream log) throws InterruptedException {
        long t0 = System.currentTimeMillis();
        AtomicInteger done = new AtomicInteger();
        List<Verdict> verdicts = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Verdict>> futures = new ArrayList<>();
            for (int i = 0; i < labs; i++) {
                long seed = firstSeed + i;
                futures.add(pool.submit(() -> {
                    Verdict v = DifferentialRunner.run(lab(seed));
                    int k = done.incrementAndGet();
                    if (!v.agrees()) {
                        log.println("seed " + seed + ": DISAGREES: " + v.firstDifference().orElseThrow());
                    } else if (k % 25 == 0) {
                        log.println(k + "/" + labs + " labs done");
                    }
                    return v;
                }));
            }
            for (Future<Verdict> f : futures) {
                try {
                    verdicts.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a lab could not be run: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        int agreeing = (int) verdicts.stream().filter(Verdict::agrees).count();
        int probes = verdicts.stream().mapToInt(Verdict::probes).sum();
        int agreeingProbes = verdicts.stream().mapToInt(Verdict::agreeingProbes).sum();
        return new Result(firstSeed, labs, agreeing, probes, agreeingProbes,
                verdicts.stream().filter(v -> !v.agrees()).toList(), verdicts.stream().mapToInt(Verdict::retried).sum(),
                System.currentTimeMillis() - t0);
    }

    /** The smallest lab jqwik's shrinking finds from seed {@code seed} that still disagrees. */
    public static Lab shrink(long seed, long budgetMillis) {
        Blueprint b = OutsideProperty.run(() -> Shrinker.shrink(draw(seed), bp -> {
            try {
                return !DifferentialRunner.run(BlueprintLab.build(bp, "gen" + seed)).agrees();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, budgetMillis));
        return BlueprintLab.build(b, "gen" + seed);
    }

    /** {@code FidelityRun N [SEED] [PARALLEL]}: prints progress, every disagreement's report, and the agreement line. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.currentTimeMillis() % 1_000_000;
        int parallel = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        String missing = ThrowawayNamespaces.missingPrivilege();
        if (missing != null) {
            System.err.println("fidelity: the kernel world needs " + missing);
            System.exit(3);
        }
        System.out.println("fidelity: " + n + " labs from seed " + seed + ", " + parallel + " at a time");
        Result r = run(seed, n, parallel, System.out);
        for (Verdict v : r.disagreements()) {
            System.out.println(v.report());
        }
        System.out.println(r.summary());
        System.exit(r.agreeingLabs() == r.labs() ? 0 : 1);
    }
}
