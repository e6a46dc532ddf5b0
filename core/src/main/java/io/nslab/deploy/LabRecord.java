package io.nslab.deploy;

import io.nslab.model.IfName;
import io.nslab.model.NamespaceRef;
import io.nslab.op.SysctlKey;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ownership ledger of one lab, under the state root; see {@link StateStore}. Namespaces and host interfaces are
 * kept as journals of three kinds of line, each written and forced to storage at the moment it becomes true:
 * <pre>
 * claim NAME          before the lab tries to make NAME (nothing of that name is the lab's yet)
 * own NAME IDENTITY   the lab made NAME, which has this identity (a namespace's inode, an interface's index)
 * release NAME        the lab no longer owns NAME (it deleted it, or found it gone or replaced)
 * </pre>
 * A namespace's {@code own} line is written before the namespace is bound under its name, so a namespace of that
 * name with another inode, or any namespace of a name that was only claimed, is never the lab's. Lines are read
 * strictly: one that does not parse is reported in {@link #problems()} and counts for nothing.
 */
public final class LabRecord implements AutoCloseable {
    static final String NAMESPACES = "namespaces";
    static final String HOST_LINKS = "host-links";
    static final String SYSCTLS = "sysctls";
    static final String APPLIED = "lab.yaml";
    static final String APPLYING = "applying";

    private static final Pattern SYSCTL = Pattern.compile("(\\S+) ([a-z0-9_][a-z0-9_.\\-]*) (.*)");

    private final RecordFiles files;
    private final List<String> problems = new ArrayList<>();

    LabRecord(Path dir) {
        this.files = new RecordFiles(dir);
    }

    public Path directory() {
        return files.directory();
    }

    public boolean exists() {
        return files.exists();
    }

    public String name() {
        return files.directory().getFileName().toString();
    }

    /** Lines of this record that did not parse, with file and line number; they were ignored. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Closes the record files kept open for appending. */
    @Override
    public synchronized void close() {
        files.close();
    }

    // --- namespaces ---

    /** Records, durably and with one write, that this lab is about to create these namespaces. */
    public synchronized void claimNamespaces(Collection<NamespaceRef.Named> netns) {
        appendJournal(NAMESPACES, "claim", netns.stream().map(NamespaceRef.Named::name).toList(), null);
    }

    /** Records, durably, that this lab made {@code netns}, whose inode is {@code inode}. */
    public synchronized void ownNamespace(NamespaceRef.Named netns, long inode) {
        files.append(NAMESPACES, "own " + netns.name() + " " + inode + "\n");
    }

    /** Records, durably and with one write, that these namespaces are no longer the lab's. */
    public synchronized void releaseNamespaces(Collection<NamespaceRef.Named> netns) {
        appendJournal(NAMESPACES, "release", netns.stream().map(NamespaceRef.Named::name).toList(), null);
    }

    /**
     * The namespaces this lab claimed and did not release, in claim order: with the inode of the namespace it made,
     * or empty when it only claimed the name (its creation never got that far).
     */
    public synchronized Map<NamespaceRef.Named, OptionalLong> namespaces() {
        Map<NamespaceRef.Named, OptionalLong> out = new LinkedHashMap<>();
        journal(NAMESPACES, (verb, name, id, where) -> {
            if (NamespaceRef.Named.problem(name) != null) {
                problems.add(where + ": not a namespace name: " + name);
                return;
            }
            NamespaceRef.Named n = NamespaceRef.named(name);
            switch (verb) {
                case "claim" -> out.putIfAbsent(n, OptionalLong.empty());
                case "own" -> out.put(n, OptionalLong.of(id));
                default -> out.remove(n);
            }
        });
        return out;
    }

    /** The namespaces this lab made, with their inodes. */
    public Map<NamespaceRef.Named, Long> ownedNamespaces() {
        Map<NamespaceRef.Named, Long> out = new LinkedHashMap<>();
        namespaces().forEach((n, inode) -> inode.ifPresent(i -> out.put(n, i)));
        return out;
    }

    // --- host interfaces ---

    /** Records, durably, that this lab is about to create interface {@code ifname} in the host's own namespace. */
    public synchronized void claimHostLink(IfName ifname) {
        appendJournal(HOST_LINKS, "claim", List.of(ifname.value()), null);
    }

    /** Records the index the kernel gave a host interface this lab created: what proves it is this lab's. */
    public synchronized void ownHostLink(IfName ifname, int index) {
        appendJournal(HOST_LINKS, "own", List.of(ifname.value()), (long) index);
    }

    public synchronized void releaseHostLink(IfName ifname) {
        appendJournal(HOST_LINKS, "release", List.of(ifname.value()), null);
    }

    /** Host interfaces this lab claimed and did not release, with the index they were created with (empty if not known). */
    public synchronized Map<IfName, OptionalInt> hostLinks() {
        Map<IfName, OptionalInt> out = new LinkedHashMap<>();
        journal(HOST_LINKS, (verb, name, id, where) -> {
            if (IfName.problem(name) != null || id != null && id > Integer.MAX_VALUE) {
                problems.add(where + ": not an interface: " + name);
                return;
            }
            IfName n = IfName.of(name);
            switch (verb) {
                case "claim" -> out.putIfAbsent(n, OptionalInt.empty());
                case "own" -> out.put(n, OptionalInt.of(id.intValue()));
                default -> out.remove(n);
            }
        });
        return out;
    }

    // --- sysctls ---

    /** Remembers a sysctl's value from before the lab first set it; later calls for the same key keep the first. */
    public synchronized void rememberSysctl(SysctlKey key, String original) {
        String netns = switch (key.netns()) {
            case NamespaceRef.Named n -> n.name();
            case NamespaceRef.Host h -> throw new IllegalArgumentException("labs set sysctls in their nodes only, not the host's");
        };
        if (!originalSysctls().containsKey(key)) {
            files.append(SYSCTLS, netns + " " + key.key() + " " + oneLine(original) + "\n");
        }
    }

    /** Each sysctl the lab set, to the value it had before. */
    public synchronized Map<SysctlKey, String> originalSysctls() {
        Map<SysctlKey, String> out = new LinkedHashMap<>();
        lines(SYSCTLS, (line, where) -> {
            Matcher m = SYSCTL.matcher(line);
            if (!m.matches() || NamespaceRef.Named.problem(m.group(1)) != null || m.group(2).contains("..")) {
                problems.add(where + ": not a sysctl record: " + shorten(line));
                return;
            }
            out.putIfAbsent(new SysctlKey(NamespaceRef.named(m.group(1)), m.group(2)), m.group(3));
        });
        return out;
    }

    // --- the lab as applied ---

    /** The lab text as last applied. */
    public synchronized Optional<String> appliedLab() {
        return files.read(APPLIED);
    }

    /** Saves the lab as applied, and rewrites the namespace journal to what it now says (one line per namespace). */
    public synchronized void saveAppliedLab(String text) {
        files.replace(APPLIED, text);
        StringBuilder compact = new StringBuilder();
        namespaces().forEach((n, inode) -> compact.append(inode.isPresent() ? "own " + n.name() + " " + inode.getAsLong()
                : "claim " + n.name()).append('\n'));
        files.replace(NAMESPACES, compact.toString());
    }

    /**
     * Records, durably, that an {@code up} is about to change these existing namespaces of the lab; {@link #endApply}
     * removes the mark once the run saved its lab or rolled back. A mark left behind tells the next {@code up} that a
     * run died half-way through them.
     */
    public synchronized void beginApply(Collection<NamespaceRef.Named> changing) {
        StringBuilder sb = new StringBuilder();
        changing.forEach(n -> sb.append(n.name()).append('\n'));
        files.replace(APPLYING, sb.toString());
    }

    public synchronized void endApply() {
        files.deleteFile(APPLYING);
    }

    /** The namespaces an interrupted {@code up} was changing when it died; empty when no run was interrupted. */
    public synchronized Optional<List<NamespaceRef.Named>> interrupted() {
        List<NamespaceRef.Named> out = new ArrayList<>();
        boolean[] present = {false};
        lines(APPLYING, (line, where) -> {
            if (NamespaceRef.Named.problem(line) != null) {
                problems.add(where + ": not a namespace name: " + shorten(line));
            } else {
                out.add(NamespaceRef.named(line));
            }
        });
        files.read(APPLYING).ifPresent(t -> present[0] = true);
        return present[0] ? Optional.of(out) : Optional.empty();
    }

    /** Whether the record still holds anything of the kernel's: namespaces or host interfaces. */
    public boolean holdsAnything() {
        return !namespaces().isEmpty() || !hostLinks().isEmpty();
    }

    /**
     * The files a record holds (and {@code nodes}, emptied by NodeIsolation before); {@link #delete} removes these
     * and nothing else, so a file a record gains must be named here.
     */
    static final List<String> FILES = List.of(NAMESPACES, NAMESPACES + ".tmp", APPLIED, APPLIED + ".tmp", APPLYING, APPLYING + ".tmp", SYSCTLS,
            HOST_LINKS, "nodes", ".lock");

    /**
     * Removes the record: its own files (the lock last), then the directory if that left it empty. A file nslab did
     * not write is never deleted, whatever directory the record was taken to be, and no link is followed.
     */
    public synchronized void delete() {
        if (!exists()) {
            return;
        }
        for (String f : FILES) {
            if (f.equals("nodes")) {
                new RecordFiles(directory().resolve("nodes")).deleteDirectoryIfEmpty();
            } else {
                files.deleteFile(f);
            }
        }
        files.deleteDirectoryIfEmpty();
    }

    private void appendJournal(String file, String verb, List<String> names, Long id) {
        if (names.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(verb).append(' ').append(n).append(id == null ? "" : " " + id).append('\n');
        }
        files.append(file, sb.toString());
    }

    private interface JournalLine {
        void accept(String verb, String name, Long id, String where);
    }

    private void journal(String file, JournalLine each) {
        lines(file, (line, where) -> {
            String[] p = line.split(" ", -1);
            String verb = p[0];
            boolean own = verb.equals("own");
            boolean known = own || verb.equals("claim") || verb.equals("release");
            if (!known || p.length != (own ? 3 : 2) || p[1].isEmpty()) {
                problems.add(where + ": not a " + file + " record: " + shorten(line));
                return;
            }
            Long id = own ? parseId(p[2]) : null;
            if (own && id == null) {
                problems.add(where + ": not a number: " + shorten(line));
                return;
            }
            each.accept(verb, p[1], id, where);
        });
    }

    private void lines(String file, java.util.function.BiConsumer<String, String> each) {
        Optional<String> text;
        try {
            text = files.read(file);
        } catch (io.nslab.NslabException e) {
            problems.add(e.getMessage());
            return;
        }
        if (text.isEmpty()) {
            return;
        }
        List<String> lines = text.get().lines().toList();
        problems.removeIf(p -> p.startsWith(directory().resolve(file) + ":"));
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                each.accept(lines.get(i), directory().resolve(file) + ":" + (i + 1));
            }
        }
    }

    /** A non-negative decimal number without sign or leading space, or null. */
    private static Long parseId(String digits) {
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String shorten(String line) {
        String s = io.nslab.MessageText.oneLine(line);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
