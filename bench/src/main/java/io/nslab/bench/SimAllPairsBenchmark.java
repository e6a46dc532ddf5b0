package io.nslab.bench;

import io.nslab.probe.PingRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * All-pairs reachability of the 1000-node {@link TreeLab} on the simulator: every node pings the
 * address of every node, 10^6 pings, each a request walk and a reply walk. One operation is the
 * whole matrix; the target is at most 5 s on two cores.
 *
 * <pre>./mvnw -q -B -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar SimAllPairs</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class SimAllPairsBenchmark {
    private TreeLab lab;

    @Setup
    public void build() {
        lab = TreeLab.build();
    }

    @Benchmark
    public long allPairs() {
        long answered = 0;
        for (TreeLab.Node from : lab.nodes()) {
            for (TreeLab.Node to : lab.nodes()) {
                var r = lab.network().ping(new PingRequest(from.netns(), to.address(), 1, Duration.ofSeconds(1),
                        Duration.ofSeconds(1), OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty()));
                answered += r.received();
            }
        }
        if (answered != (long) lab.nodes().size() * lab.nodes().size()) {
            throw new IllegalStateException("only " + answered + " pings answered: the lab is wrong");
        }
        return answered;
    }
}
