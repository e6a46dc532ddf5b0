package io.nslab.script;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a script's root may do to the directories the simulator keeps for it (/proc/sys/net's trees, /run/netns)
 * while the simulator, outside the sandbox and perhaps root, works in them: put a link where a file or a directory
 * was, or a FIFO. No write and no read of the simulator's goes through a link to a file outside, and a FIFO never
 * blocks it.
 */
class UntrustedDirTest {
    @TempDir
    Path tmp;
    Path outside;
    Path canary;
    Path dir;

    @BeforeEach
    void world() throws IOException {
        outside = Files.createDirectories(tmp.resolve("outside"));
        canary = Files.writeString(outside.resolve("ip_forward"), "canary\n");
        dir = tmp.resolve("sys");
    }

    private UntrustedDir untrusted() throws IOException {
        return new UntrustedDir(dir, tmp.resolve("staging"), -1);
    }

    @Test
    void aFileIsWrittenWholeWithItsDirectoriesAndReadBack() throws IOException {
        try (UntrustedDir d = untrusted()) {
            d.write("root/ipv4/conf/eth0/forwarding", "1\n", "rw-r--r--");
            assertThat(d.read("root/ipv4/conf/eth0/forwarding")).isEqualTo("1\n");
            assertThat(Files.getPosixFilePermissions(dir.resolve("root/ipv4/conf/eth0/forwarding")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
            assertThat(tmp.resolve("staging")).isEmptyDirectory();
        }
    }

    /**
     * A namespace's file, where no caller makes it (WorldFiles): the owner asked for, its mode, and where the script
     * put something first, a link to a file outside or a file of its own, the name is made a new empty file all the
     * same, the link not followed.
     */
    @Test
    void anEmptyFileGetsItsOwnerAndModeAndTakesThePlaceOfWhatTheScriptPutThere() throws IOException {
        int me = (Integer) Files.getAttribute(tmp, "unix:uid");
        int owner = me == 0 ? 100_000 : me; // as root, the sandbox's root's uid outside; else nobody else's can be given
        if (me != 0) {
            System.out.println("UntrustedDirTest: not root, so the files stay this user's: the chown to another uid is not tried");
        }
        try (UntrustedDir d = new UntrustedDir(dir, tmp.resolve("staging"), owner)) {
            Files.createSymbolicLink(dir.resolve("linked"), canary);
            Files.writeString(dir.resolve("theirs"), "the script's\n");
            for (String name : new String[] {"star-h0", "linked", "theirs"}) {
                d.write(name, "", "r--r--r--");
                Path f = dir.resolve(name);
                assertThat(Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(name).isTrue();
                assertThat(Files.size(f)).as(name).isZero();
                assertThat(Files.getPosixFilePermissions(f)).as(name).isEqualTo(PosixFilePermissions.fromString("r--r--r--"));
                assertThat(Files.getAttribute(f, "unix:uid")).as(name).isEqualTo(owner);
                assertThat(Files.getAttribute(f, "unix:gid")).as(name).isEqualTo(owner);
            }
            assertThat(canary).hasContent("canary");
            assertThat(Files.getAttribute(canary, "unix:uid")).isEqualTo(me);
            assertThat(tmp.resolve("staging")).isEmptyDirectory();
        }
    }

    @Test
    void eachFileHasExactlyTheModeAskedForWhateverTheUmaskTakes() throws IOException {
        int me = (Integer) Files.getAttribute(tmp, "unix:uid");
        try (UntrustedDir d = new UntrustedDir(dir, tmp.resolve("staging"), me)) {
            for (String perms : new String[] {"r--r--r--", "rw-rw-rw-", "rwxrwxrwx", "r--------", "rw-r--r--"}) {
                String name = "m" + perms.replace('-', '_');
                d.write(name, "", perms); // made with its mode
                d.write(name + "_text", "1\n", perms); // written, then given its mode
                for (String n : new String[] {name, name + "_text"}) {
                    assertThat(Files.getPosixFilePermissions(dir.resolve(n))).as(n).isEqualTo(PosixFilePermissions.fromString(perms));
                    assertThat(Files.getAttribute(dir.resolve(n), "unix:uid")).as(n).isEqualTo(me);
                }
            }
        }
    }

    @Test
    void aLinkInPlaceOfTheFileIsReplacedNotWrittenThrough() throws IOException {
        try (UntrustedDir d = untrusted()) {
            d.write("root/ipv4/ip_forward", "0\n", "rw-r--r--");
            Path f = dir.resolve("root/ipv4/ip_forward");
            Files.delete(f);
            Files.createSymbolicLink(f, canary);
            assertThatThrownBy(() -> d.read("root/ipv4/ip_forward")).isInstanceOf(IOException.class);
            d.write("root/ipv4/ip_forward", "1\n", "rw-r--r--");
            assertThat(Files.isSymbolicLink(f)).isFalse();
            assertThat(Files.readString(f)).isEqualTo("1\n");
        }
        assertThat(Files.readString(canary)).isEqualTo("canary\n");
    }

    @Test
    void aLinkInPlaceOfADirectoryIsNeverFollowed() throws IOException {
        try (UntrustedDir d = untrusted()) {
            d.write("root/ipv4/ip_forward", "0\n", "rw-r--r--");
            Path ipv4 = dir.resolve("root/ipv4");
            Files.move(ipv4, dir.resolve("root/ipv4.real"));
            Files.createSymbolicLink(ipv4, outside);
            assertThatThrownBy(() -> d.write("root/ipv4/ip_forward", "1\n", "rw-r--r--")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> d.read("root/ipv4/ip_forward")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> d.delete("root/ipv4/ip_forward")).isInstanceOf(IOException.class);
            assertThat(d.deleteIfEmpty("root/ipv4")).isFalse();
            // the tree's own directory, replaced by a link: the same
            Path root = dir.resolve("root");
            Files.move(root, dir.resolve("root.real"));
            Files.createSymbolicLink(root, outside);
            assertThatThrownBy(() -> d.write("root/ip_forward", "1\n", "rw-r--r--")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> d.makeDirectories("root/x")).isInstanceOf(IOException.class);
        }
        assertThat(Files.readString(canary)).isEqualTo("canary\n");
        assertThat(outside).isDirectoryContaining(p -> p.getFileName().toString().equals("ip_forward"));
        try (var s = Files.list(outside)) {
            assertThat(s.count()).as("nothing made outside").isEqualTo(1);
        }
    }

    @Test
    void aFifoIsNoFileToReadAndIsReplacedByAWrite() throws Exception {
        try (UntrustedDir d = untrusted()) {
            d.write("root/ipv4/ip_forward", "0\n", "rw-r--r--");
            Path f = dir.resolve("root/ipv4/ip_forward");
            Files.delete(f);
            Process mkfifo = new ProcessBuilder("mkfifo", f.toString()).start();
            assertThat(mkfifo.waitFor()).isZero();
            assertThatThrownBy(() -> d.read("root/ipv4/ip_forward")).isInstanceOf(IOException.class)
                    .hasMessageContaining("not a regular file");
            d.write("root/ipv4/ip_forward", "1\n", "rw-r--r--");
            assertThat(d.read("root/ipv4/ip_forward")).isEqualTo("1\n");
        }
    }

    @Test
    void aNameThatLeavesTheDirectoryIsRefused() throws IOException {
        try (UntrustedDir d = untrusted()) {
            assertThatThrownBy(() -> d.write("../outside/ip_forward", "1\n", "rw-r--r--")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> d.write("root//x", "1\n", "rw-r--r--")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> d.read("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.readString(canary)).isEqualTo("canary\n");
    }

    @Test
    void aHugeFileIsReadOnlyUpToTheLimit() throws IOException {
        try (UntrustedDir d = untrusted()) {
            d.makeDirectories("root");
            Files.writeString(dir.resolve("root/big"), "x".repeat(UntrustedDir.MAX_READ * 3));
            assertThat(d.read("root/big")).hasSize(UntrustedDir.MAX_READ);
        }
    }
}
