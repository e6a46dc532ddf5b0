package io.nslab.bench;

import io.nslab.model.load.LabException;
import io.nslab.model.load.LabLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * How long the lab loader takes to refuse a plain scalar of 1, 2 and 4 million characters where a list
 * belongs: the times must grow in proportion (linear reading), and 8 million, the limit, well under a
 * second. This is the speed claim that the hostile-document unit tests leave to a benchmark.
 *
 * <pre>./mvnw -q -B -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar HostileLab</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class HostileLabBenchmark {
    @Param({"1000000", "2000000", "4000000", "8000000"})
    int chars;

    private String text;

    @Setup
    public void build() {
        text = "name: t\nnodes: {a: {}}\nlinks: " + "x".repeat(chars - 100) + "\n";
    }

    @Benchmark
    public int refuseLongScalar() {
        try {
            LabLoader.parse("h.yaml", text);
        } catch (LabException e) {
            return e.problems().size();
        }
        throw new IllegalStateException("a scalar where links belong was accepted");
    }
}
