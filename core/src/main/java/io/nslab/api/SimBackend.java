package io.nslab.api;

import io.nslab.Network;
import io.nslab.model.Lab;
import io.nslab.op.OpException;
import io.nslab.sim.SimNetwork;

/** A lab in the simulator: nothing outside this JVM, nothing to remove but memory. */
record SimBackend(Lab lab, SimNetwork network) implements Backend {

    static SimBackend up(Lab lab) {
        try {
            SimNetwork network = SimNetwork.of(lab);
            io.nslab.fault.Impairments.apply(network, java.util.Optional.empty(), lab); // a 100% loss drops there too
            return new SimBackend(lab, network);
        } catch (OpException e) {
            throw new io.nslab.NslabException(io.nslab.ExitCode.BAD_INPUT, "lab " + lab.name() + ": " + e.getMessage());
        }
    }

    @Override
    public World world() {
        return World.SIM;
    }

    @Override
    public void close() {
        network.close();
    }
}
