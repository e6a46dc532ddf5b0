package io.nslab.rootless;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Finding the cgroup v2 subtree systemd delegates to a user, in fake cgroup roots. */
class DelegatedCgroupTest {
    private static final int USER = 4242;
    private static final String APP = "0::/user.slice/user-4242.slice/user@4242.service/app.slice/term.scope\n";

    @TempDir
    Path root;

    @Test
    void aCgroupV1HostHasNoDelegationAndSaysSo() {
        DelegatedCgroup d = DelegatedCgroup.find(root, APP, USER);
        assertThat(d).isInstanceOf(DelegatedCgroup.None.class);
        assertThat(d.refusal(Set.of()).orElseThrow()).contains("is not a cgroup v2 hierarchy (this host has cgroup v1");
    }

    @Test
    void aProcessInNoV2CgroupHasNone() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids\n");
        assertThat(DelegatedCgroup.find(root, "4:memory:/x\n", USER)).isEqualTo(
                new DelegatedCgroup.None("this process is in no cgroup v2 (/proc/self/cgroup has no 0:: line)"));
    }

    @Test
    void theUsersManagerSubtreeIsTheHighestCgroupOfTheirOwnAboveTheProcess() throws Exception {
        assumeTrue(RootlessHome.currentUid() == 0, "needs root, to give the fake cgroups another owner");
        tree();
        DelegatedCgroup d = DelegatedCgroup.find(root, APP, USER);
        assertThat(d).isEqualTo(new DelegatedCgroup.Delegated(root.resolve("user.slice/user-4242.slice/user@4242.service"),
                Set.of("cpu", "memory", "pids")));
        assertThat(d.refusal(Set.of("memory", "cpu"))).isEmpty();
        assertThat(d.refusal(Set.of("io", "memory")).orElseThrow()).endsWith("has no io controller (its cgroup.controllers: cpu memory pids)");
    }

    @Test
    void aLoginSessionsScopeBelongsToRootAndIsNotDelegated() throws Exception {
        assumeTrue(RootlessHome.currentUid() == 0, "needs root, to give the fake cgroups another owner");
        tree();
        cgroup(root.resolve("user.slice/user-4242.slice/session-3.scope"), 0);
        Optional<String> why = DelegatedCgroup.find(root, "0::/user.slice/user-4242.slice/session-3.scope\n", USER).refusal(Set.of());
        assertThat(why.orElseThrow()).startsWith("your cgroup /user.slice/user-4242.slice/session-3.scope is not delegated to you");
        // nor is a scope of the user's whose files the user may not write
        Path scope = root.resolve("user.slice/user-4242.slice/user@4242.service/app.slice/term.scope");
        Files.setAttribute(scope.resolve("cgroup.subtree_control"), "unix:uid", 0);
        assertThat(DelegatedCgroup.find(root, APP, USER)).isInstanceOf(DelegatedCgroup.None.class);
    }

    /** /sys/fs/cgroup's shape on a systemd host: the user's manager and what is below it are the user's. */
    private void tree() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        cgroup(root.resolve("user.slice"), 0);
        cgroup(root.resolve("user.slice/user-4242.slice"), 0);
        cgroup(root.resolve("user.slice/user-4242.slice/user@4242.service"), USER);
        cgroup(root.resolve("user.slice/user-4242.slice/user@4242.service/app.slice"), USER);
        cgroup(root.resolve("user.slice/user-4242.slice/user@4242.service/app.slice/term.scope"), USER);
        Files.writeString(root.resolve("user.slice/user-4242.slice/user@4242.service/cgroup.controllers"), "cpu memory pids\n");
    }

    private static void cgroup(Path dir, int owner) throws Exception {
        Files.createDirectories(dir);
        for (String f : new String[] {"cgroup.procs", "cgroup.subtree_control"}) {
            if (!Files.exists(dir.resolve(f))) {
                Files.writeString(dir.resolve(f), "");
            }
            Files.setAttribute(dir.resolve(f), "unix:uid", owner);
        }
        Files.setAttribute(dir, "unix:uid", owner);
    }
}
