package io.nslab.junit;

import io.nslab.kernel.Privilege;
import io.nslab.netlink.NamedNamespaces;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Keeps this module's kernel labs out of /run/netns and /run/nslab: the outermost launcher session makes a private
 * namespace directory and state directory, names them to the extension (nslab.netns-dir, nslab.state-dir), and
 * removes them, with anything left in them, when it closes.
 */
public final class PrivateDirectories implements LauncherSessionListener {
    private Path netns;
    private Path state;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("nslab.netns-dir") != null || Privilege.missing() != null) {
            return;
        }
        try {
            netns = Files.createTempDirectory(Path.of("/run"), "nslab-test-junit-");
            state = Files.createTempDirectory("nslab-junit-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("nslab.netns-dir", netns.toString());
        System.setProperty("nslab.state-dir", state.toString());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (netns == null) {
            return;
        }
        NamedNamespaces registry = NamedNamespaces.at(netns);
        for (String ns : registry.list()) {
            System.err.println("PrivateDirectories: namespace " + ns + " was left; removing it");
            registry.delete(ns);
        }
        registry.removeDirectory();
        try (Stream<Path> s = Files.walk(state)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.clearProperty("nslab.netns-dir");
        System.clearProperty("nslab.state-dir");
    }
}
