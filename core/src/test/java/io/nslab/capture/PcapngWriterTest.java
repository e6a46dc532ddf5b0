package io.nslab.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The blocks of a tiny file, byte by byte, against the layout worked out by hand from the pcapng draft. */
class PcapngWriterTest {
    @Test
    void sectionInterfaceAndOnePacketAreLaidOutAsTheDraftSays() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, false, "ab")) {
            assertThat(w.addInterface("e0", 0x40000)).isZero();
            w.packet(0, 0x0000000100000002L, new byte[] {(byte) 0xaa, (byte) 0xbb, (byte) 0xcc}, 60, PcapngWriter.Direction.OUTBOUND);
        }
        String expected = ""
                // section header: type, length 40, byte-order magic, version 1.0, section length unknown (-1)
                + "0a0d0d0a" + "28000000" + "4d3c2b1a" + "0100" + "0000" + "ffffffffffffffff"
                // shb_userappl (4), 2 bytes "ab", padded to 4; end of options; length again
                + "04000200" + "61620000" + "00000000" + "28000000"
                // interface description: type 1, length 40, LINKTYPE_ETHERNET, reserved, snap length 262144
                + "01000000" + "28000000" + "0100" + "0000" + "00000400"
                // if_name (2) "e0"; if_tsresol (9) = 9 (nanoseconds); end; length
                + "02000200" + "65300000" + "09000100" + "09000000" + "00000000" + "28000000"
                // enhanced packet: type 6, length 48, interface 0, timestamp high and low words, captured 3, on the wire 60
                + "06000000" + "30000000" + "00000000" + "01000000" + "02000000" + "03000000" + "3c000000"
                // the 3 bytes padded to 4; epb_flags (2) = outbound (2); end; length
                + "aabbcc00" + "02000400" + "02000000" + "00000000" + "30000000";
        assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo(expected);
    }

    @Test
    void aPacketOfAnInterfaceNotDescribedIsRefused() throws Exception {
        PcapngWriter w = new PcapngWriter(new ByteArrayOutputStream(), false, "x");
        assertThatThrownBy(() -> w.packet(0, 0, new byte[1], 1, PcapngWriter.Direction.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no interface 0");
    }

    @Test
    void withFlushEachEveryBlockReachesTheStreamAtOnce() throws Exception {
        int[] flushes = {0};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushes[0]++;
            }
        };
        PcapngWriter w = new PcapngWriter(out, true, "x");
        w.addInterface("e0", 65535);
        w.packet(0, 1, new byte[4], 4, PcapngWriter.Direction.INBOUND);
        assertThat(flushes[0]).isEqualTo(3);
    }
}
