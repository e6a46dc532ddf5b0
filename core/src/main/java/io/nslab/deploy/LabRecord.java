package io.nslab.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The record of one lab under the state root; see {@link StateStore}. */
public final class LabRecord {
    private final Path dir;

    LabRecord(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    public boolean exists() {
        return Files.isDirectory(dir);
    }

    public String name() {
        return dir.getFileName().toString();
    }

    /** Records, durably, that this lab is about to create namespace {@code netns}. */
    public void claimNamespace(String netns) {
        claimNamespaces(List.of(netns));
    }

    /** Records, durably and with one write, that this lab is about to create these namespaces. */
    public void claimNamespaces(List<String> netns) {
        if (netns.isEmpty()) {
            return;
        }
        createDirectory();
        StateStore.appendLine(dir.resolve("namespaces"), String.join("\n", netns));
    }

    /** Forgets a claim whose creation failed because the name was taken: that namespace is not ours. */
    public void releaseNamespace(String netns) {
        Set<String> left = new LinkedHashSet<>(namespaces());
        left.remove(netns);
        write("namespaces", String.join("\n", left) + (left.isEmpty() ? "" : "\n"));
    }

    /** The namespaces this lab claimed, in claim order. */
    public List<String> namespaces() {
        return read("namespaces").map(s -> s.lines().filter(l -> !l.isBlank()).distinct().toList()).orElse(List.of());
    }

    /** The lab text as last applied. */
    public Optional<String> appliedLab() {
        return read("lab.yaml");
    }

    public void saveAppliedLab(String text) {
        write("lab.yaml", text);
    }

    /** Remembers a sysctl's value from before the lab first set it; later calls for the same key keep the first. */
    public void rememberSysctl(String netns, String key, String original) {
        if (!originalSysctls().containsKey(netns + " " + key)) {
            createDirectory();
            StateStore.appendLine(dir.resolve("sysctls"), netns + " " + key + " " + original);
        }
    }

    /** {@code "netns key"} to the value it had before this lab set it. */
    public Map<String, String> originalSysctls() {
        Map<String, String> out = new LinkedHashMap<>();
        read("sysctls").ifPresent(s -> s.lines().forEach(l -> {
            String[] p = l.split(" ", 3);
            if (p.length == 3) {
                out.putIfAbsent(p[0] + " " + p[1], p[2]);
            }
        }));
        return out;
    }

    /**
     * Remembers a host (root namespace) sysctl's text before {@code up --tune-host} changed it; the first
     * value recorded for a key wins, so a second tuning never loses the host's own value.
     */
    public void rememberHostSysctl(String key, String original) {
        if (!hostSysctls().containsKey(key)) {
            createDirectory();
            StateStore.appendLine(dir.resolve("host-sysctls"), key + " " + original);
        }
    }

    /** Host sysctl key to its text before this lab tuned it, in the order tuned. */
    public Map<String, String> hostSysctls() {
        Map<String, String> out = new LinkedHashMap<>();
        read("host-sysctls").ifPresent(s -> s.lines().forEach(l -> {
            String[] p = l.split(" ", 2);
            if (p.length == 2) {
                out.putIfAbsent(p[0], p[1]);
            }
        }));
        return out;
    }

    /** Records, durably, that this lab is about to create interface {@code ifname} in the host's own namespace. */
    public void claimHostLink(String ifname) {
        createDirectory();
        StateStore.appendLine(dir.resolve("host-links"), ifname);
    }

    /** Records the index the kernel gave a host interface this lab created: what proves it is this lab's. */
    public void hostLinkCreated(String ifname, int index) {
        createDirectory();
        StateStore.appendLine(dir.resolve("host-links"), ifname + " " + index);
    }

    /** Host interfaces this lab claimed, by name, with the index they were created with (0 if not known). */
    public Map<String, Integer> hostLinks() {
        Map<String, Integer> out = new LinkedHashMap<>();
        read("host-links").ifPresent(s -> s.lines().forEach(l -> {
            String[] p = l.split(" ", 2);
            if (p.length == 2) {
                out.put(p[0], Integer.parseInt(p[1]));
            } else if (!p[0].isBlank()) {
                out.putIfAbsent(p[0], 0);
            }
        }));
        return out;
    }

    /**
     * The files a record holds (and {@code nodes}, emptied by NodeIsolation before); {@link #delete} removes
     * these and nothing else, so a file a record gains must be named here.
     */
    static final List<String> FILES = List.of("namespaces", "lab.yaml", "lab.yaml.tmp", "sysctls", "host-sysctls", "host-links", "nodes", ".lock");

    /**
     * Removes the record: its own files (the lock last), then the directory if that left it empty. A file
     * nslab did not write is never deleted, whatever directory the record was taken to be.
     */
    public void delete() {
        if (!exists()) {
            return;
        }
        for (String f : FILES) {
            deleteIfEmpty(dir.resolve(f));
        }
        deleteIfEmpty(dir);
    }

    /** Deletes a file, or a directory that is empty; a directory with someone else's files in it stays. */
    private static void deleteIfEmpty(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // not ours to empty
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createDirectory() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<String> read(String file) {
        Path p = dir.resolve(file);
        try {
            return Files.exists(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String file, String text) {
        createDirectory();
        Path tmp = dir.resolve(file + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
