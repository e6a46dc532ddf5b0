package io.nslab.sim;

import static io.nslab.model.NamespaceRef.named;

import io.nslab.op.Op;
import io.nslab.op.OpException;

import java.util.Optional;
import java.util.OptionalInt;

import static io.nslab.sim.SimFixtures.addRoute;
import static io.nslab.sim.SimFixtures.addr;
import static io.nslab.sim.SimFixtures.ifn;
import static io.nslab.sim.SimFixtures.sysctl;
import static io.nslab.sim.SimFixtures.up;
import static io.nslab.sim.SimFixtures.veth;

/** Networks from golden/third.sh. */
final class Labs {
    private Labs() {
    }

    /** h1, h2 and router r on bridge br0 in sw; h1 reaches 10.9.0.0/24 (on h2's lo) through r, which sends it to h2. */
    static SimNetwork lanWithRouter() throws OpException {
        SimNetwork net = new SimNetwork();
        for (String n : new String[] {"sw", "h1", "h2", "r"}) {
            net.apply(new Op.AddNamespace(named(n)));
        }
        net.apply(new Op.AddBridge(named("sw"), ifn("br0"), OptionalInt.empty(), Optional.empty()));
        net.apply(veth("h1", "eth0", "sw", "p1"));
        net.apply(veth("h2", "eth0", "sw", "p2"));
        net.apply(veth("r", "eth0", "sw", "p3"));
        for (String p : new String[] {"p1", "p2", "p3"}) {
            net.apply(new Op.SetMaster(named("sw"), ifn(p), Optional.of(ifn("br0"))));
            net.apply(up("sw", p));
        }
        net.apply(up("sw", "br0"));
        net.apply(addr("h1", "eth0", "10.0.0.1/24"));
        net.apply(addr("h2", "eth0", "10.0.0.2/24"));
        net.apply(addr("r", "eth0", "10.0.0.254/24"));
        net.apply(addr("h2", "lo", "10.9.0.1/24"));
        for (String n : new String[] {"sw", "h1", "h2", "r"}) {
            net.apply(up(n, "lo"));
        }
        for (String n : new String[] {"h1", "h2", "r"}) {
            net.apply(up(n, "eth0"));
        }
        net.apply(sysctl("r", "net.ipv4.ip_forward", "1"));
        net.apply(addRoute("h1", "10.9.0.0/24 via 10.0.0.254"));
        net.apply(addRoute("r", "10.9.0.0/24 via 10.0.0.2"));
        return net;
    }
}
