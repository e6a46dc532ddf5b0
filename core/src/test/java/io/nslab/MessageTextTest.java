package io.nslab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTextTest {

    @Test
    void keepsAShortMessage() {
        assertThat(MessageText.oneLine("unknown node \"ns3\" (did you mean \"ns2\"?)")).isEqualTo("unknown node \"ns3\" (did you mean \"ns2\"?)");
        assertThat(MessageText.oneLine("节点 🙂")).isEqualTo("节点 🙂");
    }

    @Test
    void escapesWhatWouldMoveTheTerminal() {
        assertThat(MessageText.oneLine("a\nb\tc\u001b[2J\u0000\u202eX\u2066")).isEqualTo("a\\nb\\tc\\u001b[2J\\u0000\\u202eX\\u2066");
        assertThat(MessageText.oneLine("lone \uD800 surrogate")).isEqualTo("lone \\ud800 surrogate");
        assertThat(MessageText.oneLine("a\u2028b\u2029c\u0085d")).isEqualTo("a\\u2028b\\u2029c\\u0085d"); // found by CliFuzzTest
    }

    @Test
    void cutsAHugeValueInTheMiddle() {
        String m = MessageText.oneLine("name \"" + "x".repeat(10_000_000) + "\" is too long");
        assertThat(m).hasSizeLessThan(MessageText.MAX + 40).startsWith("name \"xxx").endsWith("xxx\" is too long")
                .contains("...(9999679 characters left out)...");
    }
}
