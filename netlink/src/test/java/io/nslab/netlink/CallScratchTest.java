package io.nslab.netlink;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallScratchTest {

    @Test
    void eachPathReplacesTheOneBeforeAndIsTerminated() {
        try (CallScratch scratch = new CallScratch()) {
            MemorySegment first = scratch.path("/run/netns/a-rather-long-name");
            MemorySegment second = scratch.path("/x");
            assertThat(second.getString(0)).isEqualTo("/x");
            assertThat(second.address()).as("the space is reused").isEqualTo(first.address());
        }
    }

    @Test
    void aLongerPathGetsMoreRoomAndMultiByteCharactersSurvive() {
        try (CallScratch scratch = new CallScratch()) {
            scratch.path("/a");
            String longer = "/tmp/" + "ä€".repeat(300) + "\uD83D\uDE00";
            assertThat(scratch.path(longer).getString(0)).isEqualTo(longer);
        }
    }

    @Test
    void oneScratchServesManyCallsAndCarriesEachCallsErrno() {
        try (CallScratch scratch = new CallScratch()) {
            assertThatThrownBy(() -> FileCalls.open(scratch, "/nonexistent/nslab", FileCalls.O_RDONLY, 0))
                    .isInstanceOf(NativeException.class).hasMessageStartingWith("open(/nonexistent/nslab): ENOENT");
            for (int i = 0; i < 100; i++) {
                int fd = FileCalls.open(scratch, "/dev/null", FileCalls.O_RDONLY | FileCalls.O_CLOEXEC, 0);
                assertThat(fd).isNotNegative();
                FileCalls.close(scratch, fd);
            }
            assertThatThrownBy(() -> FileCalls.close(scratch, -1))
                    .isInstanceOf(NativeException.class).hasMessageStartingWith("close(-1): EBADF");
        }
    }
}
