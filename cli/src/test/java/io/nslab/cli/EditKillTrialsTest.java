package io.nslab.cli;

import io.nslab.deploy.StateStore;
import io.nslab.model.NamespaceRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} at random moments of an incremental {@code up} that removes, renames and adds nodes and changes
 * links, next to namespaces of other programs. After every kill the lab's namespaces are exactly those its ledger
 * owns, by inode, and the others are untouched; then {@code cleanup} leaves nothing of the lab, or the next
 * {@code up} of the edited file finishes the edit. CI runs 16 trials; {@code -Dnslab.editKillTrials=N} runs more.
 */
class EditKillTrialsTest extends KernelWorld {
    /** A hub and hosts; the edit drops h0-h14, renames h15-h24 to g15-g24, adds x0-x14 and changes h25-h34's MTU. */
    private static String star(boolean edited) {
        StringBuilder nodes = new StringBuilder("name: ke\nnodes:\n  hub: {forwarding: true}\n");
        StringBuilder links = new StringBuilder("links:\n");
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            if (edited && i < 15) {
                continue;
            }
            hosts.add((edited && i < 25 ? "g" : "h") + i);
        }
        if (edited) {
            for (int i = 0; i < 15; i++) {
                hosts.add("x" + i);
            }
        }
        for (String h : hosts) {
            int n = Integer.parseInt(h.substring(1)) + (h.startsWith("x") ? 100 : 0);
            nodes.append("  ").append(h).append(": {routes: [default via 10.").append(n / 200).append('.').append(n % 200)
                    .append(".1]}\n");
            links.append("  - endpoints: [\"hub:p").append(h).append(" 10.").append(n / 200).append('.').append(n % 200)
                    .append(".1/24\", \"").append(h).append(":eth0 10.").append(n / 200).append('.').append(n % 200).append(".2/24\"]\n");
            if (edited && h.startsWith("h") && n >= 25 && n < 35) {
                links.append("    mtu: 1400\n");
            }
        }
        return nodes.append(links).toString();
    }

    private CliRun run(String... a) {
        return CliRun.of(kernel.args(a));
    }

    private Process start(Path lab) throws IOException {
        return CliProcess.start(tmp.resolve("up.log"), kernel.args("up", lab.toString()));
    }

    @Test
    void killedEditsLeaveTheLabAsItsLedgerSaysAndStrangersUntouched() throws Exception {
        Path base = tmp.resolve("base.yaml");
        Path edited = tmp.resolve("edited.yaml");
        Files.writeString(base, star(false));
        Files.writeString(edited, star(true));
        var registry = kernel.support.registry();
        registry.create("ke-bystander").close();
        registry.create("other").close();
        Map<String, Long> strangers = Map.of("ke-bystander", registry.inode("ke-bystander").orElseThrow(),
                "other", registry.inode("other").orElseThrow());

        long seed = Long.getLong("nslab.editKillSeed", System.nanoTime());
        int trials = Integer.getInteger("nslab.editKillTrials", 16);
        Random random = new Random(seed);
        System.out.println("edit kill -9 trials: " + trials + ", seed " + seed);
        assertThat(run("up", base.toString()).exitCode()).isZero();
        long t0 = System.nanoTime();
        Process whole = start(edited);
        assertThat(whole.waitFor(120, TimeUnit.SECONDS)).isTrue();
        long editMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("edit kill -9 trials: an undisturbed edit takes " + editMillis + " ms");
        int finishedByUp = 0;
        int staleEntries = 0;
        int cleaned = 0;
        for (int t = 0; t < trials; t++) {
            String where = "trial " + t + " (seed " + seed + ")";
            CliRun back = run("up", base.toString());
            assertThat(back.exitCode()).as(where + ": back to the base lab\n" + back.out() + back.err()).isZero();
            Process p = start(edited);
            Thread.sleep(editMillis / 3 + random.nextInt((int) Math.max(1, editMillis * 2 / 3)));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

            var record = new StateStore(tmp.resolve("state")).lab("ke");
            Map<NamespaceRef.Named, Long> owned = record.ownedNamespaces();
            TreeSet<String> labs = new TreeSet<>(registry.list());
            labs.removeAll(strangers.keySet());
            labs.removeIf(n -> registry.inode(n).isEmpty()); // an empty file a creation makes before binding: not a namespace
            String journal = Files.exists(record.directory().resolve("namespaces")) ? Files.readString(record.directory().resolve("namespaces")) : "";
            // every namespace of the lab is in its ledger, with its inode: nothing is left that cleanup could not prove its own
            assertThat(owned.keySet().stream().map(NamespaceRef.Named::name).toList())
                    .as(where + ": the ledger holds every namespace of the lab; the journal:\n" + journal).containsAll(labs);
            for (String n : labs) {
                assertThat(registry.inode(n)).as(where + ": " + n).hasValue(owned.get(NamespaceRef.named(n)));
            }
            // the ledger may still name a namespace the kill took away between its deletion and the journal's line
            staleEntries += (int) owned.keySet().stream().filter(n -> !labs.contains(n.name())).count();
            strangers.forEach((n, inode) -> assertThat(registry.inode(n)).as(where + ": stranger " + n).hasValue(inode));

            if (random.nextBoolean()) {
                CliRun cleanup = run("cleanup");
                assertThat(cleanup.exitCode()).as(where + ": " + cleanup.out() + cleanup.err()).isZero();
                assertThat(registry.list()).as(where + ": after cleanup").containsExactlyInAnyOrderElementsOf(strangers.keySet());
                cleaned++;
            } else {
                CliRun finish = run("up", edited.toString());
                assertThat(finish.exitCode()).as(where + ": the next up finishes the edit\n" + finish.out() + finish.err()).isZero();
                assertThat(run("plan", edited.toString()).out()).as(where).startsWith("lab ke is up to date");
                finishedByUp++;
            }
            strangers.forEach((n, inode) -> assertThat(registry.inode(n)).as(where + ": stranger " + n).hasValue(inode));
        }
        System.out.println("edit kill -9 trials: " + finishedByUp + " finished by the next up, " + cleaned + " cleaned up; "
                + staleEntries + " ledger entries named a namespace already deleted (killed between deletion and release)");
        assertThat(run("cleanup").exitCode()).isZero();
        registry.delete("ke-bystander");
        registry.delete("other");
    }
}
