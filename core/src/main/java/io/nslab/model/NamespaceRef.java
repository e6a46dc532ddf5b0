package io.nslab.model;

import java.nio.charset.StandardCharsets;

/**
 * Which network namespace an op, a probe or a piece of state is about: a named one ({@code ip netns} names it, a
 * file under the namespace directory) or the host's own, the one nslab runs in, which is never created, deleted
 * or recorded. The distinction is a type, not a reserved string, so that no name can be mistaken for the host and
 * no command meant for a named namespace is ever printed or run for the host.
 */
public sealed interface NamespaceRef extends Comparable<NamespaceRef> {

    /** The namespace nslab runs in: the host's, or a sandbox's own "root" namespace. */
    Host HOST = new Host();

    static Named named(String name) {
        return new Named(name);
    }

    /** The {@code ip} command aimed at this namespace: {@code ip -n NAME}, or plain {@code ip} for the host. */
    String ip();

    /** A command run inside this namespace: {@code ip netns exec NAME CMD}, or plain {@code CMD} for the host. */
    String exec(String command);

    /** What {@code ip link ... netns ARG} takes to mean this namespace: its name, or PID 1's for the host. */
    default String netnsArgument() {
        return this instanceof Named n ? n.name() : "1";
    }

    /** True for the host's own namespace. */
    default boolean isHost() {
        return this instanceof Host;
    }

    @Override
    default int compareTo(NamespaceRef o) {
        return switch (this) {
            case Host h -> o instanceof Host ? 0 : -1;
            case Named n -> switch (o) {
                case Host h -> 1;
                case Named m -> n.name().compareTo(m.name());
            };
        };
    }

    /** A namespace of the namespace directory, by its file name. */
    record Named(String name) implements NamespaceRef {
        public Named {
            String problem = problem(name);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }

        /** Why {@code name} cannot name a file in the namespace directory, or null when it can. */
        public static String problem(String name) {
            if (name == null || name.isEmpty()) {
                return "a namespace name cannot be empty";
            }
            if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
                return "namespace name \"" + name + "\" is not a plain file name";
            }
            // at most 3 bytes of UTF-8 per UTF-16 unit (a surrogate pair's 4 for two): a name of 85 units or fewer is
            // never too long, and is not encoded just to be measured (a script's every call names its namespace)
            if (name.length() > 255 / 3 && name.getBytes(StandardCharsets.UTF_8).length > 255) {
                return "namespace name \"" + name.substring(0, 20) + "...\" is longer than 255 bytes";
            }
            return null;
        }

        // Written out rather than the record's generated pair (the same values): see IpPrefix's.
        @Override
        public boolean equals(Object o) {
            return o instanceof Named n && n.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String ip() {
            return "ip -n " + name;
        }

        @Override
        public String exec(String command) {
            return "ip netns exec " + name + " " + command;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The host's own namespace; see {@link #HOST}. */
    record Host() implements NamespaceRef {
        // Written out rather than the record's generated pair (the same values): see IpPrefix's. The generated pair
        // made six classes at its first use, and a world's maps ask for it as a script's first call is served, an
        // import's lab as it is written.
        @Override
        public boolean equals(Object o) {
            return o instanceof Host;
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public String ip() {
            return "ip";
        }

        @Override
        public String exec(String command) {
            return command;
        }

        /** For messages only: the host is never named in a command. */
        @Override
        public String toString() {
            return "(host)";
        }
    }
}
