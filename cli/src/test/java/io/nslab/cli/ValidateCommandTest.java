package io.nslab.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {

    @Test
    void everyExampleIsValid() throws IOException {
        try (var files = Files.list(Path.of("../examples"))) {
            String[] args = files.filter(p -> p.toString().endsWith(".yaml")).sorted().map(Path::toString)
                    .toList().toArray(new String[0]);
            assertThat(args).hasSizeGreaterThanOrEqualTo(5);
            String[] all = new String[args.length + 1];
            all[0] = "validate";
            System.arraycopy(args, 0, all, 1, args.length);
            CliRun run = CliRun.of(all);
            assertThat(run.exitCode()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out().lines()).hasSize(args.length);
        }
    }

    @Test
    void summaryCountsWhatTheLabHas() {
        CliRun run = CliRun.of("validate", "../examples/seed.yaml");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("../examples/seed.yaml: ok: lab seed: 3 nodes, 2 links, 4 addresses, 2 routes, 3 checks\n");
    }

    @Test
    void tenMistakesAreAllReportedWithPositions() {
        CliRun run = CliRun.of("validate", "src/test/resources/ten-mistakes.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        String f = "src/test/resources/ten-mistakes.yaml:";
        assertThat(run.err()).isEqualTo(String.join("\n",
                f + "5:5: error: unknown key \"forwardin\" in node \"ns1\" (did you mean \"forwarding\"?)",
                f + "7:9: error: route destination 10.10.20.5/24 has host bits set (the kernel says \"Invalid prefix for given prefix length\"); did you mean 10.10.20.0/24?",
                f + "8:27: error: gateway 10.99.0.1 is on no connected subnet of node \"ns1\" (the kernel says \"Nexthop has invalid gateway\")",
                f + "9:27: error: route dev \"v9\": node \"ns1\" has no such interface (did you mean \"v1\"?)",
                f + "11:16: error: rp-filter must be off, strict or loose, not \"sometimes\"",
                f + "12:3: error: node name \"../etc\" cannot be a namespace name: use letters, digits, '-', '_' and '.', starting with a letter or digit",
                f + "14:17: error: forwarding must be true or false, not \"maybe\"",
                f + "17:18: error: unknown node \"ns3\" in link endpoint \"ns3:v2\" (did you mean \"ns1\"?)",
                f + "18:22: error: interface name \"averyveryverylongname\" is 21 bytes; the kernel allows at most 15",
                f + "18:73: error: address 10.10.10.2 is already used at 16:25",
                f + "21:13: error: expect must be one of reply, unreachable, timeout, ttl-exceeded, not \"replies\"",
                "11 problems found", ""));
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void missingFileIsBadInput() {
        CliRun run = CliRun.of("validate", "no-such-lab.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("no-such-lab.yaml: no such file\n");
    }

    @Test
    void needsAFile() {
        CliRun run = CliRun.of("validate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'LAB.yaml'");
    }
}
