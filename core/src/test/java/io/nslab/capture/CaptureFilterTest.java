package io.nslab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.nslab.netlink.PacketSocket.Instruction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each hand-written program is, instruction by instruction, what tcpdump compiles for the same expression on Ethernet. */
class CaptureFilterTest {
    private static final Pattern LINE = Pattern.compile("\\{ (0x[0-9a-f]+), (\\d+), (\\d+), (0x[0-9a-f]+) \\},");

    @ParameterizedTest
    @EnumSource(CaptureFilter.class)
    void programIsTcpdumps(CaptureFilter filter) throws Exception {
        assertThat(filter.program()).isEqualTo(tcpdump(filter.expression()));
        assertThat(CaptureFilter.of(filter.expression().toUpperCase())).isEqualTo(filter);
    }

    /** {@code tcpdump -y EN10MB -dd EXPR}: compiles without an interface or privilege. */
    private static List<Instruction> tcpdump(String expression) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("tcpdump", "-y", "EN10MB", "-dd", expression).redirectErrorStream(true).start();
        } catch (IOException e) {
            System.out.println("SKIPPED: tcpdump is not installed (.ci/run installs it): " + e.getMessage());
            Assumptions.abort("tcpdump is not installed");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        List<Instruction> program = new ArrayList<>();
        Matcher m = LINE.matcher(out);
        while (m.find()) {
            program.add(new Instruction(Integer.decode(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    (int) Long.parseLong(m.group(4).substring(2), 16)));
        }
        assertThat(program).as(out).isNotEmpty();
        return program;
    }
}
