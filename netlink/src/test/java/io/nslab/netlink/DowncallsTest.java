package io.nslab.netlink;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;

class DowncallsTest {

    @Test
    void everyGroupLinksOnThisMachine() {
        // a missing symbol or a descriptor the linker refuses would throw here, as an ExceptionInInitializerError
        assertThatCode(() -> Downcalls.link(List.of(Downcalls.Group.values()))).doesNotThrowAnyException();
    }

    @Test
    void linkingAheadIsHarmlessWhateverTheCallsDoLater() {
        Downcalls.prepareInBackground(List.of(Downcalls.Group.FILES, Downcalls.Group.MOUNTS));
        Downcalls.prepareInBackground(List.of());
        // a real call while (or after) the background thread links the same class
        assertThatCode(() -> FileCalls.close(FileCalls.open("/dev/null", FileCalls.O_RDONLY | FileCalls.O_CLOEXEC)))
                .doesNotThrowAnyException();
    }
}
