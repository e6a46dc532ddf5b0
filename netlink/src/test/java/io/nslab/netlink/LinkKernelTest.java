package io.nslab.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkKernelTest {
    private TestWorld world;
    private Netlink a;
    private Netlink b;

    @BeforeEach
    void setUp() {
        world = new TestWorld();
        a = world.namespace("a");
        b = world.namespace("b");
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void vethPeerIsCreatedDirectlyInAnotherNamespace() {
        a.links().addVeth("va", "vb", TestWorld.ns(b));

        LinkInfo va = a.links().get("va");
        LinkInfo vb = b.links().get("vb");
        assertThat(va.kind()).isEqualTo("veth");
        assertThat(va.linkIndex()).isEqualTo(vb.index());
        assertThat(va.peerNetnsId()).isPresent();
        assertThat(a.links().find("vb")).isEmpty();
        assertThat(a.links().get(va.index()).name()).isEqualTo("va");
    }

    @Test
    void vethInAThirdNamespaceFromAHandleOpenedThere() throws Exception {
        try (NetNs c = world.names.create("c"); Netlink inC = Netlink.open(c)) {
            inC.links().addVeth("vc", "vb", TestWorld.ns(b));
            assertThat(inC.links().get("vc").kind()).isEqualTo("veth");
            assertThat(b.links().get("vb").kind()).isEqualTo("veth");
        }
    }

    @Test
    void stateMtuMacAndCarrier() {
        a.links().addVeth("va", "vb", TestWorld.ns(b));
        assertThat(a.links().get("va").isUp()).isFalse();
        assertThat(a.links().get("va").state()).isEqualTo(OperState.DOWN);

        a.links().setMtu("va", 1400);
        a.links().setMac("va", MacAddress.parse("02:00:00:00:00:0a"));
        a.links().setUp("va");
        b.links().setUp("vb");

        LinkInfo va = a.links().get("va");
        assertThat(va.isUp()).isTrue();
        assertThat(va.mtu()).isEqualTo(1400);
        assertThat(va.mac()).contains(MacAddress.parse("02:00:00:00:00:0a"));
        assertThat(va.carrier()).isTrue();
        assertThat(va.state()).isEqualTo(OperState.UP);

        a.links().setDown("va");
        assertThat(a.links().get("va").isUp()).isFalse();
        assertThat(b.links().get("vb").carrier()).isFalse();
    }

    @Test
    void bridgeMasterAndNomaster() {
        a.links().addBridge("br0");
        a.links().addVeth("v1", "v2");
        a.links().setMaster("v1", "br0");

        int bridge = a.links().indexOf("br0");
        assertThat(a.links().get("br0").kind()).isEqualTo("bridge");
        assertThat(a.links().get("v1").masterIndex()).isEqualTo(bridge);
        assertThat(a.links().list()).extracting(LinkInfo::name).containsExactlyInAnyOrder("lo", "br0", "v1", "v2");

        a.links().setNoMaster("v1");
        assertThat(a.links().get("v1").hasMaster()).isFalse();
    }

    @Test
    void renameMoveAndDelete() {
        a.links().addVeth("v1", "v2");
        a.links().rename("v1", "renamed");
        assertThat(a.links().find("v1")).isEmpty();

        a.links().moveTo("renamed", TestWorld.ns(b));
        assertThat(a.links().find("renamed")).isEmpty();
        assertThat(b.links().get("renamed").kind()).isEqualTo("veth");

        b.links().delete("renamed");
        assertThat(b.links().find("renamed")).isEmpty();
        assertThat(a.links().find("v2")).as("deleting one end deletes the pair").isEmpty();
    }

    @Test
    void kernelErrorsComeWithTheirErrno() {
        a.links().addBridge("br0");
        assertThatThrownBy(() -> a.links().addBridge("br0"))
                .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.is(Errno.EEXIST)).isTrue())
                .hasMessageStartingWith("RTM_NEWLINK: EEXIST (File exists)");
        assertThatThrownBy(() -> a.links().setUp("nope"))
                .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.is(Errno.ENODEV)).isTrue())
                .hasMessageStartingWith("RTM_NEWLINK: ENODEV (No such device)");
        assertThatThrownBy(() -> a.links().get("nope")).hasMessageStartingWith("RTM_GETLINK: ENODEV");
        assertThatThrownBy(() -> a.links().delete("nope")).hasMessageStartingWith("RTM_DELLINK: ENODEV");
    }

    @Test
    void vxlanAndMacvlanWhereTheKernelHasThem() {
        a.links().addVeth("v1", "v2");
        try {
            a.links().addVxlan("vx0", 42, 4789, "v1", null);
            a.links().addMacvlan("mv0", "v1", LinkOps.MacvlanMode.BRIDGE);
        } catch (NetlinkException e) {
            Assumptions.assumeFalse(e.is(Errno.EOPNOTSUPP), "kernel lacks vxlan or macvlan: " + e.getMessage());
            throw e;
        }
        assertThat(a.links().get("vx0").kind()).isEqualTo("vxlan");
        assertThat(a.links().get("mv0").kind()).isEqualTo("macvlan");
        assertThat(a.links().get("mv0").linkIndex()).isEqualTo(a.links().indexOf("v1"));
    }
}
