package io.nslab.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchKernelTest {
    private TestWorld world;
    private Netlink a;

    @BeforeEach
    void setUp() {
        world = new TestWorld();
        a = world.namespace("a");
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void eachRequestSucceedsOrFailsOnItsOwn() {
        Batch batch = a.batch();
        batch.links().addBridge("br0");
        batch.links().addBridge("br0");      // EEXIST
        batch.links().setUp("br0");
        batch.links().setUp("missing");      // ENODEV
        assertThat(batch.commands()).containsExactly("ip link add br0 type bridge", "ip link add br0 type bridge",
                "ip link set br0 up", "ip link set missing up");

        List<BatchResult> results = batch.trySend();

        assertThat(results).extracting(BatchResult::ok).containsExactly(true, false, true, false);
        assertThat(results.get(1).error().orElseThrow().is(Errno.EEXIST)).isTrue();
        assertThat(results.get(3).error().orElseThrow().is(Errno.ENODEV)).isTrue();
        assertThat(a.links().get("br0").isUp()).isTrue();
        assertThat(batch.size()).isZero();
    }

    @Test
    void failuresAreReportedTogether() {
        Batch batch = a.batch();
        batch.links().setUp("lo");
        batch.routes().add(RouteInfo.to("10.5.0.0/16").via("192.168.99.1").dev(1));
        assertThatThrownBy(batch::send)
                .isInstanceOfSatisfying(BatchException.class, e -> assertThat(e.failures()).hasSize(1))
                .hasMessageContaining("1 of 2 requests failed")
                .hasMessageContaining("#1 ip route add 10.5.0.0/16 via 192.168.99.1 dev 1: RTM_NEWROUTE:")
                .hasMessageContaining("Nexthop has invalid gateway.");
    }

    @Test
    void thousandsOfRequestsAndMultipartDumps() {
        Batch batch = a.batch();
        for (int i = 0; i < 300; i++) {
            batch.links().addVeth("x" + i, 1000 + i, "y" + i, 2000 + i, null);
            batch.links().setUp("x" + i);
            batch.addresses().add(AddressInfo.of(1000 + i, "10." + (i / 200) + "." + (i % 200) + ".1/24"));
        }
        batch.send();

        // 601 links do not fit one dump datagram: the reply comes in many parts
        List<LinkInfo> links = a.links().list();
        assertThat(links).hasSize(601);
        assertThat(a.links().get("y299").index()).isEqualTo(2299);
        assertThat(a.addresses().list(IpPrefix.AF_INET)).hasSize(301);
    }
}
