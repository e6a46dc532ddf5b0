package io.nslab.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NamespacesKernelTest {
    private TestWorld world;

    @BeforeEach
    void setUp() {
        world = new TestWorld();
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void createListOpenDelete() {
        try (NetNs a = world.names.create("a"); NetNs b = world.names.create("b"); NetNs self = NetNs.ofThisProcess()) {
            assertThat(world.names.list()).containsExactly("a", "b");
            assertThat(a.isSameAs(b)).isFalse();
            assertThat(a.isSameAs(self)).isFalse();
            try (NetNs reopened = world.names.open("a")) {
                assertThat(reopened.inode()).isEqualTo(a.inode());
            }
        }
        world.names.delete("a");
        assertThat(world.names.list()).containsExactly("b");
        assertThat(world.names.exists("a")).isFalse();
    }

    @Test
    void deleteAllRemovesThoseThatExistAndTheirLinksGoWithThem() throws InterruptedException {
        Netlink a = world.namespace("a");
        Netlink b = world.namespace("b");
        world.namespace("c");
        a.links().addVeth("v", "v_b", TestWorld.ns(b));
        a.close(); // the handle (and its namespace descriptor) would keep "a" alive
        assertThat(world.names.deleteAll(List.of("c", "missing", "a"))).containsExactly("c", "a");
        assertThat(world.names.list()).containsExactly("b");
        // the kernel tears "a" down in the background, and its veth's peer with it
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (b.links().find("v_b").isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(b.links().find("v_b")).isEmpty();
    }

    @Test
    void errorsNameTheCallAndTheErrno() {
        world.names.create("dup").close();
        assertThatThrownBy(() -> world.names.create("dup"))
                .isInstanceOf(NativeException.class)
                .hasMessage("open(" + world.names.directory().resolve("dup") + "): EEXIST (File exists)");
        assertThatThrownBy(() -> world.names.delete("missing"))
                .isInstanceOf(NativeException.class)
                .hasMessageContaining("unlink(").hasMessageEndingWith("missing): ENOENT (No such file or directory)");
        assertThatThrownBy(() -> world.names.open("missing")).hasMessageContaining("ENOENT");
    }

    @Test
    void creatingAndEnteringNeverMovesTheCallingThread() throws IOException {
        long before = TestWorld.threadNamespaceInode();
        Netlink nl = world.namespace("x");
        long inside = TestWorld.ns(nl).call(TestWorld::threadNamespaceInode);
        boolean virtual = TestWorld.ns(nl).call(() -> Thread.currentThread().isVirtual());

        assertThat(inside).isEqualTo(TestWorld.ns(nl).inode()).isNotEqualTo(before);
        assertThat(virtual).isFalse();
        assertThat(TestWorld.threadNamespaceInode()).isEqualTo(before);
    }

    @Test
    void aHandleOpenedInsideWorksFromAnyThread() throws Exception {
        try (NetNs ns = world.names.create("h"); Netlink nl = Netlink.open(ns)) {
            List<String> seen = new ArrayList<>();
            Thread t = Thread.ofVirtual().start(() -> nl.links().list().forEach(l -> seen.add(l.name())));
            t.join();
            assertThat(seen).containsExactly("lo");
        }
    }

    @Test
    void namespacesAreCreatedInParallel() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> inodes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String name = "p" + i;
                inodes.add(pool.submit(() -> {
                    try (Netlink nl = world.names.createWithNetlink(name)) {
                        assertThat(nl.links().list()).extracting(LinkInfo::name).containsExactly("lo");
                        return TestWorld.ns(nl).inode();
                    }
                }));
            }
            Set<Long> distinct = new HashSet<>();
            for (Future<Long> f : inodes) {
                distinct.add(f.get());
            }
            assertThat(distinct).hasSize(20);
            assertThat(world.names.list()).hasSize(20);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Namespaces made here are what {@code ip netns} sees and the other way round, in {@code /run/netns}
     * itself, but a private one: the check runs in a child JVM under {@code unshare --mount} with a tmpfs
     * mounted there, so the host's {@code ip netns list} never shows it ({@link Iproute2Compat}).
     */
    @Test
    void compatibleWithIproute2() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String script = "mkdir -p /run/netns && mount -t tmpfs nslab-test /run/netns && exec '" + javaBin
                + "' --enable-native-access=ALL-UNNAMED -cp '" + cp + "' " + Iproute2Compat.class.getName();
        String out = run("unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script);
        assertThat(out).contains(Iproute2Compat.AGREE);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
