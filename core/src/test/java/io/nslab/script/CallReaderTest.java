package io.nslab.script;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallReaderTest {

    private static final String CALL = "nslab1\0ns\0/tmp\0f.sh\0007\0003\0ip\0netns\0add été\0";

    /** A stream that gives at most {@code chunk} bytes a read, as a socket may. */
    private static InputStream trickle(String text, int chunk) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Test
    void callsArrivingInPiecesOrTogetherAreReadAlike() throws Exception {
        for (int chunk : new int[] {1, 2, 7, 1 << 20}) {
            CallReader r = new CallReader(trickle(CALL + CALL, chunk));
            for (int i = 0; i < 2; i++) {
                assertThat(r.next()).as("chunk %d, call %d", chunk, i)
                        .containsExactly("nslab1", "ns", "/tmp", "f.sh", "7", "3", "ip", "netns", "add été");
            }
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void aFieldLongerThanTheBufferIsReadWholeUpToTheLimit() throws Exception {
        String arg = "x".repeat(200_000);
        CallReader r = new CallReader(trickle("nslab1\0\0/\0f\0001\0002\0echo\0" + arg + "\0", 4096));
        assertThat(r.next()).last().isEqualTo(arg);
        String tooLong = "nslab1\0\0/\0f\0001\0001\0" + "y".repeat(ToolServer.MAX_FIELD + 1) + "\0";
        assertThatThrownBy(() -> new CallReader(trickle(tooLong, 65536)).next()).isInstanceOf(ToolServer.ProtocolException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void aCallCutShortIsRefusedAndAnEmptyConnectionEnds() throws Exception {
        assertThatThrownBy(() -> new CallReader(trickle(CALL.substring(0, 20), 3)).next())
                .isInstanceOf(ToolServer.ProtocolException.class).hasMessageContaining("ended early");
        assertThat(new CallReader(trickle("", 1)).next()).isNull();
    }
}
