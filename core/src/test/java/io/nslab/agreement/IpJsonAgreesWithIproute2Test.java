package io.nslab.agreement;

import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.KernelTestSupport;
import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import io.nslab.op.LabPlanner;
import io.nslab.render.IpLinkJson;
import io.nslab.sim.SimNetwork;
import io.nslab.state.Snapshot;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip -j link}: what iproute2 prints, what nslab renders from the kernel's state, and from the simulator's. */
class IpJsonAgreesWithIproute2Test {

    @Test
    void ipJsonLinkIsTheSameThreeWays() throws Exception {
        Lab lab = LabLoader.load(Path.of("../examples/bridge.yaml"));
        try (KernelTestSupport support = KernelTestSupport.create();
             KernelNetwork kernel = new KernelNetwork(support.registry());
             SimNetwork sim = SimNetwork.of(lab)) {
            kernel.applyAll(LabPlanner.plan(lab));
            List<io.nslab.model.NamespaceRef.Named> names = lab.nodes().keySet().stream().map(lab::namespaceOf).toList();
            Snapshot real = SettledSnapshot.of(kernel, names);
            Snapshot model = sim.snapshot();
            for (io.nslab.model.NamespaceRef.Named ns : names) {
                String iproute2 = run("nsenter", "--net=" + support.directory().resolve(ns.name()), "ip", "-j", "link");
                if (iproute2 == null) {
                    System.out.println("SKIPPED comparison with iproute2: ip is not installed");
                    return;
                }
                String fromKernel = IpLinkJson.link(real, real.namespace(ns).orElseThrow());
                String fromSim = IpLinkJson.link(model, model.namespace(ns).orElseThrow());
                assertThat(masked(fromKernel)).as("%s: rendered from the kernel's state vs ip -j link", ns).isEqualTo(masked(iproute2));
                assertThat(masked(fromSim)).as("%s: rendered from the simulator vs the kernel", ns).isEqualTo(masked(fromKernel));
            }
        }
    }

    /** MACs are random on the kernel side. */
    private static String masked(String json) {
        return json.strip().replaceAll("\"address\":\"[0-9a-f:]{17}\"", "\"address\":\"MAC\"");
    }

    private String run(String... argv) throws Exception {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            return out;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
