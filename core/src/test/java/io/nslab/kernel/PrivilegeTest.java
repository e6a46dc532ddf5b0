package io.nslab.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrivilegeTest {
    @Test
    void rootHasWhatItNeeds() {
        assertThat(Privilege.missing(0x000001ffffffffffL)).isNull();
    }

    @Test
    void anOrdinaryUserIsToldWhatIsMissing() {
        assertThat(Privilege.missing(0)).isEqualTo("the kernel world needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN)");
    }

    @Test
    void oneCapabilityIsNotEnough() {
        assertThat(Privilege.missing(1L << 12)).endsWith("this process lacks CAP_SYS_ADMIN)");
        assertThat(Privilege.missing(1L << 21)).endsWith("this process lacks CAP_NET_ADMIN)");
    }
}
