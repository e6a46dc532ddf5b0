package io.nslab.sandbox;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox's file system as fstab lines, for root and for an ordinary user (whose host mounts are locked together). */
class SandboxFstabTest {
    private static final String MOUNTINFO = """
            21 26 0:20 / /proc rw,relatime - proc proc rw
            22 26 0:21 / /sys rw,relatime - sysfs sysfs rw
            23 26 0:6 / /dev rw,nosuid,relatime - devtmpfs devtmpfs rw
            26 1 254:0 / / rw,relatime - ext4 /dev/vda rw
            27 26 0:24 / /home/a\\040b rw,nosuid,nodev,noatime - ext4 /dev/vdb rw
            28 26 0:25 / /tmp/junit1/x rw - nsfs nsfs rw
            29 26 0:26 / /boot ro,nodiratime - ext4 /dev/vdc rw
            """;

    private static SandboxFstab fstab(boolean inherited) {
        return SandboxFstab.of(SandboxFstab.parse(MOUNTINFO), new SandboxLayout(List.of(), List.of()), inherited ? 0 : Sandbox.UID_BASE,
                inherited);
    }

    @Test
    void rootBindsEachReachableMountAloneReadOnly() {
        SandboxFstab f = fstab(false);
        assertThat(f.directories()).contains("/dev /dev none bind,ro,nosuid 0 0\n")
                .contains("/home/a\\040b /home/a\\040b none bind,ro,nosuid,nodev 0 0\n")
                .contains("/proc /run/.nslab-sandbox/proc none bind,X-mount.mkdir=0700 0 0\n")
                .contains("/proc /proc none bind 0 0\n")
                .doesNotContain("/tmp/junit1");
        assertThat(f.remounts()).isEmpty();
    }

    @Test
    void anOrdinaryUsersSandboxRemountsWhatItBoundRecursivelyKeepingTheLockedFlags() {
        SandboxFstab f = fstab(true);
        assertThat(f.directories()).doesNotContain(" bind,ro").doesNotContain("/proc /proc ")
                .contains("/proc /run/.nslab-sandbox/proc none rbind,X-mount.mkdir=0700 0 0\n")
                .contains("/sys /run/.nslab-sandbox/sys none rbind,X-mount.mkdir=0700 0 0\n")
                .contains("nslab-sandbox /run tmpfs mode=0755,uid=0,gid=0,nosuid,nodev 0 0\n");
        assertThat(List.of(f.remounts().split("\0"))).containsExactly(
                "remount,bind,ro,nosuid,relatime", "/dev",
                "remount,bind,ro,nosuid,nodev,noatime", "/home/a b",
                "remount,bind,ro,strictatime,nodiratime", "/boot");
    }
}
