package io.nslab.model;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpAddressTest {

    @Test
    void parsesAndPrintsIpv4() {
        IpAddress a = IpAddress.parse("10.10.20.2");
        assertThat(a.isV4()).isTrue();
        assertThat(a.v4bits()).isEqualTo(0x0a0a1402);
        assertThat(a).hasToString("10.10.20.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0", "10.0.0.0.1", "10.0.0.256", "10..0.1", "a.b.c.d", "", "1.2.3.4 ", "01234.1.1.1",
        "10.0.0.\u0661", "10.0.0.1a", "10.0.0/24"})
    void refusesBadIpv4(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    /** ip, route and ping read 010 as octal 8 (seen with iproute2 6.1): a lab file says neither 8 nor 10 by it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "010.0.0.9|IPv4 octet \"010\" has a leading zero: ip would read it as octal (8); write it without the zero",
        "10.0.0.09|IPv4 octet \"09\" has a leading zero: ip would read it as octal, and refuse it; write it without the zero",
        "10.00.0.1|IPv4 octet \"00\" has a leading zero: ip would read it as octal (0); write it without the zero",
    })
    void refusesLeadingZerosSayingWhatIpWouldRead(String text, String message) {
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThat(IpAddress.parse("10.0.0.0")).hasToString("10.0.0.0");
    }

    @ParameterizedTest
    @CsvSource({
        "fd00:0:0:0:0:0:0:1, fd00::1",
        "FE80:0:0:0:1:0:0:1, fe80::1:0:0:1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "::ffff:10.0.0.1, ::ffff:10.0.0.1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "::, ::",
        "1::, 1::",
        "::1.2.3.4, ::1.2.3.4",
        "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
        "fd00::0001, fd00::1",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
    })
    void printsIpv6AsInetNtopDoes(String in, String out) {
        assertThat(IpAddress.parse(in)).hasToString(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fd00:::1", "fe80::1%eth0", "[::1]", "1:2:3:4:5:6:7:8:9", "g::1",
        // refused by inet_pton (so by ip), taken by the JDK's parser
        "fd00::00001", "::ffff:010.0.0.1", "::ffff:10.0.0.01", "1::2::3", ":1::2", "1::2:", "1:2:3:4:5:6:7:8::",
        "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::256.1.1.1",
        // digits that are not ASCII: inet_pton reads none (Character.digit and Integer.parseInt read these two)
        "::\uff11", "fd00::\u0661"})
    void refusesBadIpv6(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void ipv6TextRoundTrips(@ForAll byte[] raw) throws Exception {
        byte[] sixteen = java.util.Arrays.copyOf(raw, 16);
        IpAddress a = IpAddress.fromBytes(sixteen);
        assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
        assertThat(InetAddress.getByName(a.toString()).getAddress()).isEqualTo(sixteen);
    }

    @Property
    void ipv4BytesRoundTrip(@ForAll int bits) {
        IpAddress a = IpAddress.v4(bits);
        assertThat(IpAddress.fromBytes(a.toBytes())).isEqualTo(a);
        assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
    }

    @Property
    void maskingKeepsOnlyThePrefix(@ForAll int bits, @ForAll @IntRange(min = 0, max = 32) int len) {
        IpAddress m = IpAddress.v4(bits).masked(len);
        long expected = len == 0 ? 0 : Integer.toUnsignedLong(bits) & (0xffffffffL << (32 - len)) & 0xffffffffL;
        assertThat(m.lo()).isEqualTo(expected);
    }

    @Test
    void classifiesSpecialAddresses() {
        assertThat(IpAddress.parse("127.0.0.1").isLoopback()).isTrue();
        assertThat(IpAddress.parse("::1").isLoopback()).isTrue();
        assertThat(IpAddress.parse("224.0.0.5").isMulticast()).isTrue();
        assertThat(IpAddress.parse("ff02::1").isMulticast()).isTrue();
        assertThat(IpAddress.parse("fe80::1").isLinkLocal()).isTrue();
        assertThat(IpAddress.parse("169.254.1.1").isLinkLocal()).isTrue();
        assertThat(IpAddress.parse("10.0.0.1").isLinkLocal()).isFalse();
        assertThat(IpAddress.parse("0.0.0.0").isUnspecified()).isTrue();
    }

    @Test
    void broadcastOfPrefix() {
        assertThat(IpAddress.parse("10.0.0.7").broadcast(24)).hasToString("10.0.0.255");
        assertThat(IpAddress.parse("10.0.0.7").broadcast(32)).hasToString("10.0.0.7");
    }

    @Property
    void sharesPrefixSaysWhatTheMaskedAddressesSay(@ForAll long hiA, @ForAll long loA, @ForAll long hiB, @ForAll long loB,
                                                  @ForAll boolean v4, @ForAll @IntRange(max = 128) int length,
                                                  @ForAll @IntRange(max = 128) int common) {
        // b has a's first `common` bits and another address's rest: near misses as well as far ones
        int bits = v4 ? 32 : 128;
        int len = Math.min(length, bits);
        int n = Math.min(common, bits);
        IpAddress a = v4 ? IpAddress.v4((int) loA) : new IpAddress(Family.INET6, hiA, loA);
        IpAddress b;
        if (v4) {
            long host = n == 32 ? 0 : 0xffffffffL >>> n;
            b = IpAddress.v4((int) ((a.lo() & ~host) | (loB & host)));
        } else {
            long hiHost = n >= 64 ? 0 : n == 0 ? -1L : -1L >>> n;
            long loHost = n <= 64 ? -1L : n == 128 ? 0 : -1L >>> (n - 64);
            b = new IpAddress(Family.INET6, (a.hi() & ~hiHost) | (hiB & hiHost), (a.lo() & ~loHost) | (loB & loHost));
        }
        assertThat(a.sharesPrefix(b, len)).isEqualTo(a.masked(len).equals(b.masked(len)));
        assertThat(a.equals(b)).isEqualTo(a.compareTo(b) == 0);
        if (a.equals(b)) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }
}
