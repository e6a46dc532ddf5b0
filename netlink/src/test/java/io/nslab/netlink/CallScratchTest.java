package io.nslab.netlink;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallScratchTest {

    @Test
    void aCallsArgumentsLieSideBySideAndTheNextCallReusesTheSpace() {
        CallScratch s = CallScratch.begin();
        MemorySegment source = s.string("/proc/self/ns/net");
        MemorySegment target = s.string("/run/netns/a");
        MemorySegment value = s.intValue(42);
        assertThat(source.getString(0)).isEqualTo("/proc/self/ns/net");
        assertThat(target.getString(0)).isEqualTo("/run/netns/a");
        assertThat(value.get(ValueLayout.JAVA_INT, 0)).isEqualTo(42);
        assertThat(target.address()).isGreaterThanOrEqualTo(source.address() + source.byteSize());
        assertThat(value.address() % 4).isZero();

        MemorySegment next = CallScratch.begin().string("/x");
        assertThat(next.address()).as("the next call starts over").isEqualTo(source.address());
        assertThat(next.getString(0)).isEqualTo("/x");
    }

    @Test
    void allocationsAreZeroedAndMultiByteTextSurvives() {
        CallScratch s = CallScratch.begin();
        s.string("x".repeat(100));
        CallScratch t = CallScratch.begin();
        MemorySegment zeroed = t.allocate(64, 8);
        assertThat(zeroed.toArray(ValueLayout.JAVA_BYTE)).containsOnly((byte) 0);
        String text = "/tmp/" + "ä€".repeat(300) + "\uD83D\uDE00";
        assertThat(t.string(text).getString(0)).isEqualTo(text);
    }

    @Test
    void argumentsLargerThanTheScratchStillWork() {
        CallScratch s = CallScratch.begin();
        MemorySegment big = s.allocate(100_000, 8);
        assertThat(big.byteSize()).isEqualTo(100_000);
        assertThat(s.string("/after").getString(0)).isEqualTo("/after");
    }

    @Test
    void eachThreadHasItsOwn() throws InterruptedException {
        MemorySegment here = CallScratch.begin().state();
        AtomicReference<MemorySegment> there = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> there.set(CallScratch.begin().state()));
        t.join();
        assertThat(there.get().address()).isNotEqualTo(here.address());
        assertThat(CallScratch.begin().state().address()).isEqualTo(here.address());
    }

    @Test
    void callsOneAfterAnotherEachReportTheirOwnErrno() {
        assertThatThrownBy(() -> FileCalls.open("/nonexistent/nslab", FileCalls.O_RDONLY))
                .isInstanceOf(NativeException.class).hasMessageStartingWith("open(/nonexistent/nslab): ENOENT");
        for (int i = 0; i < 100; i++) {
            int fd = FileCalls.open("/dev/null", FileCalls.O_RDONLY | FileCalls.O_CLOEXEC);
            assertThat(fd).isNotNegative();
            FileCalls.close(fd);
        }
        assertThatThrownBy(() -> FileCalls.close(-1))
                .isInstanceOf(NativeException.class).hasMessageStartingWith("close(-1): EBADF");
        assertThat(MountCalls.umount2("/nonexistent/nslab", MountCalls.MNT_DETACH)).isIn(2, 1); // ENOENT, or EPERM unprivileged
    }
}
