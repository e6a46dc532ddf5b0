package io.nslab.sim;

import org.junit.jupiter.api.Test;

import static io.nslab.sim.SimFixtures.ping;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's traffic to itself, through lo, under an input chain that drops new packets. Checked on the kernel in a
 * sandbox (examples/stateful-firewall.yaml, with counters inserted in the router's input chain): the router's ping of
 * its own 10.10.10.1 is answered; the request is seen new at input and accepted by {@code icmp type echo-request},
 * the reply established (conntrack's ICMP tuple holds the type, and an echo reply is the inverse of an echo request).
 */
class FirewallLocalTrafficTest {

    private static final String INPUT = """
            input:
              policy: drop
              stateful: true
              allow: [icmp type echo-request]
            """;

    @Test
    void aPingOfTheNodesOwnAddressIsAnsweredUnderAStatefulInputPolicyDrop() {
        try (SimNetwork net = SimNetwork.of(FirewallSemanticsTest.seed(INPUT, false))) {
            assertThat(net.ping(ping("router", "10.10.10.1", 1, 1)).received()).isEqualTo(1);
            assertThat(net.ping(ping("router", "127.0.0.1", 1, 1)).received()).isEqualTo(1);
        }
    }

    @Test
    void withoutTheStatefulRuleTheLoopedBackReplyIsDropped() {
        // the reply is established but no rule accepts it: the policy drops it (the kernel: no answer)
        try (SimNetwork net = SimNetwork.of(FirewallSemanticsTest.seed("input: {policy: drop, allow: [icmp type echo-request]}", false))) {
            assertThat(net.ping(ping("router", "10.10.10.1", 1, 1)).received()).isZero();
        }
    }

    @Test
    void pingOfTheZeroAddressPassesTheOutputChain() {
        // fidelity seed 22: the kernel's ping 0.0.0.0 (to 127.0.0.1 through lo) is dropped by an output rule
        try (SimNetwork net = SimNetwork.of(FirewallSemanticsTest.seed("output: [icmp type echo-request drop]", false))) {
            assertThat(net.ping(ping("router", "0.0.0.0", 1, 1)).received()).isZero();
        }
        try (SimNetwork net = SimNetwork.of(FirewallSemanticsTest.seed("output: [icmp type echo-reply drop]", false))) {
            assertThat(net.ping(ping("router", "0.0.0.0", 1, 1)).received()).isZero();
        }
        try (SimNetwork net = SimNetwork.of(FirewallSemanticsTest.seed("output: [udp dport 9 drop]", false))) {
            assertThat(net.ping(ping("router", "0.0.0.0", 1, 1)).received()).isEqualTo(1);
        }
    }
}
