package io.nslab.kernel.isolation;

import io.nslab.kernel.KernelTestSupport;
import io.nslab.model.Isolation;
import io.nslab.model.Limits;
import io.nslab.model.NamespaceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's record turned against the host: a holder file naming another process, a foreign mount on a node's
 * namespace file or on {@code nodes/}, {@code nodes/} or a node's directory that is a symbolic link or a file, a
 * {@code cgroup-procs} file naming any file. Each attack aims at canaries the test made (files, a process, a
 * namespace); stop, stopAll and exec's cgroup join leave every canary as it was, and still remove what is the node's.
 * Each failed before: the holder was taken on its start time alone, any mount there was unmounted, links were followed,
 * and cgroup-procs was written to as it said.
 */
class NodeRecordAttacksTest {
    @TempDir
    Path tmp;
    private KernelTestSupport support;
    private Path labDir;
    private Path canaries;
    private final List<Process> started = new ArrayList<>();
    private final List<Path> mounted = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        support = KernelTestSupport.create();
        support.registry().create("n1").close();
        labDir = Files.createDirectories(tmp.resolve("state").resolve("lab"));
        canaries = Files.createDirectories(tmp.resolve("canaries"));
        Files.writeString(canaries.resolve("keep"), "keep\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Path m : mounted.reversed()) {
            new ProcessBuilder("umount", m.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
        started.forEach(Process::destroyForcibly);
        try {
            new NodeIsolation(labDir, "lab", "n1").stop();
            NodeIsolation.releaseDirectory(labDir);
        } finally {
            support.close();
        }
        assertThat(Leftovers.of(tmp.resolve("state")).isEmpty()).as("%s", Leftovers.of(tmp.resolve("state"))).isTrue();
    }

    private NodeIsolation startNode(NamespaceKind... kinds) {
        NodeIsolation node = new NodeIsolation(labDir, "lab", "n1");
        node.start(support.directory().resolve("n1"), new Isolation(EnumSet.copyOf(List.of(kinds)), Optional.empty(), 0, 0,
                Limits.NONE, false, List.of()), "");
        return node;
    }

    private Process canaryProcess() throws IOException {
        Process p = new ProcessBuilder("sleep", "300").start();
        started.add(p);
        return p;
    }

    @Test
    void aHolderFileNamingAnotherProcessNeverKillsIt() throws Exception {
        NodeIsolation node = startNode(NamespaceKind.PID, NamespaceKind.UTS);
        long realHolder = node.holder().orElseThrow();
        Process canary = canaryProcess();
        // the canary's own PID and start time: all the old check compared
        Files.delete(node.directory().resolve("holder"));
        Files.writeString(node.directory().resolve("holder"), canary.pid() + " " + NodeProcesses.startTime(canary.pid()) + "\n");
        assertThat(node.holder()).as("a holder file naming an unmarked process").isEmpty();
        assertThat(node.stop()).isEmpty();
        assertThat(canary.isAlive()).isTrue();
        assertThat(NodeProcesses.gone(realHolder)).as("the node's real holder, found by its marker").isTrue();
    }

    @Test
    void aForeignMountOnANamespaceFileIsNeverUnmounted() throws Exception {
        NodeIsolation node = startNode(NamespaceKind.UTS, NamespaceKind.IPC);
        Path canaryNs = Files.createFile(canaries.resolve("uts"));
        run("unshare", "--uts=" + canaryNs, "true");
        mounted.add(canaryNs);
        long canaryInode = inode(canaryNs);
        // stacked on the node's own uts file, and in place of its ipc file (unmounted first)
        Path uts = node.directory().resolve("uts");
        Path ipc = node.directory().resolve("ipc");
        run("mount", "--bind", canaryNs.toString(), uts.toString());
        mounted.add(uts);
        run("umount", ipc.toString());
        run("mount", "--bind", canaryNs.toString(), ipc.toString());
        mounted.add(ipc);

        List<String> left = node.stop();
        assertThat(left).anySatisfy(l -> assertThat(l).contains(uts + " has a mount nslab did not make"))
                .anySatisfy(l -> assertThat(l).contains(ipc + " has a mount nslab did not make"));
        assertThat(inode(uts)).as("the canary stays on uts").isEqualTo(canaryInode);
        assertThat(inode(ipc)).as("the canary stays on ipc").isEqualTo(canaryInode);
        assertThat(NodeIsolation.releaseDirectory(labDir)).as("nodes/ with foreign mounts below stays mounted").isNotEmpty();
        assertThat(inode(uts)).isEqualTo(canaryInode);

        // the canaries taken off by the test, what is the node's goes
        run("umount", uts.toString());
        run("umount", ipc.toString());
        mounted.remove(uts);
        mounted.remove(ipc);
        assertThat(node.stop()).isEmpty();
        assertThat(inode(canaryNs)).isEqualTo(canaryInode);
    }

    @Test
    void aForeignMountOnNodesIsNeverUnmounted() throws Exception {
        Path nodes = Files.createDirectories(labDir.resolve("nodes"));
        run("mount", "-t", "tmpfs", "canary", nodes.toString());
        mounted.add(nodes);
        Files.writeString(nodes.resolve("keep"), "keep\n");
        assertThat(NodeIsolation.releaseDirectory(labDir)).anySatisfy(l -> assertThat(l).contains("a mount nslab did not make"));
        assertThat(nodes.resolve("keep")).hasContent("keep");
    }

    @Test
    void nodesOrANodeDirectoryThatIsALinkOrAFileIsNeverFollowed() throws Exception {
        StateInstance.obtain(labDir.getParent());
        Process canary = canaryProcess();
        // a fake node directory among the canaries, with everything a node directory has
        Path fake = Files.createDirectories(canaries.resolve("n1"));
        for (String f : List.of("holder", "uts", "owned", "started", "ready", "hosts", "cgroup-procs")) {
            Files.writeString(fake.resolve(f), f.equals("holder") ? canary.pid() + " " + NodeProcesses.startTime(canary.pid()) + "\n" : f);
        }
        Map<String, String> before = tree(canaries);

        Files.createSymbolicLink(labDir.resolve("nodes"), canaries);
        assertThat(new NodeIsolation(labDir, "lab", "n1").stop()).anySatisfy(l -> assertThat(l).contains("symbolic link"));
        assertThat(NodeIsolation.releaseDirectory(labDir)).anySatisfy(l -> assertThat(l).contains("symbolic link"));
        assertThat(new NodeIsolation(labDir, "lab", "n1").file(NamespaceKind.UTS)).isEmpty();
        assertThat(tree(canaries)).isEqualTo(before);
        Files.delete(labDir.resolve("nodes"));

        Files.createDirectory(labDir.resolve("nodes"));
        Files.createSymbolicLink(labDir.resolve("nodes").resolve("n1"), fake);
        assertThat(new NodeIsolation(labDir, "lab", "n1").stop()).anySatisfy(l -> assertThat(l).contains("symbolic link"));
        assertThat(tree(canaries)).isEqualTo(before);
        Files.delete(labDir.resolve("nodes").resolve("n1"));

        Files.writeString(labDir.resolve("nodes").resolve("n1"), "a file\n");
        assertThat(new NodeIsolation(labDir, "lab", "n1").stop()).anySatisfy(l -> assertThat(l).contains("not a directory"));
        assertThat(labDir.resolve("nodes").resolve("n1")).hasContent("a file");
        Files.delete(labDir.resolve("nodes").resolve("n1"));
        assertThat(canary.isAlive()).isTrue();

        // a lab directory that is a link: nothing below it is touched
        Path linkedLab = tmp.resolve("state").resolve("linked");
        Files.createSymbolicLink(linkedLab, canaries);
        assertThat(new NodeIsolation(linkedLab, "linked", "n1").stop()).isNotEmpty();
        assertThat(NodeIsolation.releaseDirectory(linkedLab)).isNotEmpty();
        assertThat(tree(canaries)).isEqualTo(before);
        Files.delete(linkedLab);
    }

    @Test
    void aCgroupProcsRecordIsNeverWrittenTo() throws Exception {
        NodeIsolation node = startNode(NamespaceKind.UTS);
        Files.writeString(node.directory().resolve("cgroup-procs"), canaries.resolve("keep") + "\n/x; echo INJECTED > "
                + canaries.resolve("injected") + "\n");
        List<String> argv = new ArrayList<>(node.joinCgroupsThenExec());
        argv.add("true");
        assertThat(argv).noneMatch(a -> a.contains(canaries.toString()));
        Process p = new ProcessBuilder(argv).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(canaries.resolve("keep")).hasContent("keep");
        assertThat(canaries.resolve("injected")).doesNotExist();
        assertThat(node.stop()).isEmpty();
    }

    private static long inode(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", argv) + ": " + out).isZero();
    }

    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                out.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "dir");
            }
        }
        return out;
    }
}
