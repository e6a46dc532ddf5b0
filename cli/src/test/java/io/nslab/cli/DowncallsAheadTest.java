package io.nslab.cli;

import org.junit.jupiter.api.Test;

import static io.nslab.netlink.Downcalls.Group.FILES;
import static io.nslab.netlink.Downcalls.Group.MOUNTS;
import static io.nslab.netlink.Downcalls.Group.PROBES;
import static org.assertj.core.api.Assertions.assertThat;

class DowncallsAheadTest {

    @Test
    void kernelCommandsLinkWhatTheyNeedFirstNeededFirst() {
        assertThat(DowncallsAhead.groups("down", "star")).containsExactly(FILES, MOUNTS);
        assertThat(DowncallsAhead.groups("--debug", "down", "--state-dir=/tmp/x", "star")).containsExactly(FILES, MOUNTS);
        assertThat(DowncallsAhead.groups("ping", "-l", "seed", "ns1", "10.0.0.1")).startsWith(FILES, PROBES);
    }

    @Test
    void upLinksItsOwnLaterAndTheSimulatorAndCommandsThatNeverReachTheKernelLinkNothing() {
        assertThat(DowncallsAhead.groups("up", "star.yaml")).isEmpty();
        assertThat(DowncallsAhead.groups("up", "--sim", "star.yaml")).isEmpty();
        assertThat(DowncallsAhead.groups("check", "--sim", "--all-pairs", "seed.yaml")).isEmpty();
        assertThat(DowncallsAhead.groups("validate", "star.yaml")).isEmpty();
        assertThat(DowncallsAhead.groups("--version")).isEmpty();
        assertThat(DowncallsAhead.groups()).isEmpty();
        assertThat(DowncallsAhead.groups("no-such-command")).isEmpty();
    }
}
