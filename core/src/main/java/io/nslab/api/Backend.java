package io.nslab.api;

import io.nslab.Network;
import io.nslab.model.Lab;

/** The world a running lab lives in: the kernel (through the deploy engine) or the simulator. */
sealed interface Backend permits KernelBackend, SimBackend {

    World world();

    Lab lab();

    Network network();

    /** Removes everything the lab made; safe to call twice. */
    void close();
}
