package io.nslab.model;

/** Namespace kinds a node can have besides its network namespace, named as {@code lsns} names them. */
public enum NamespaceKind {
    UTS("uts"),
    PID("pid"),
    MOUNT("mnt"),
    IPC("ipc"),
    USER("user"),
    CGROUP("cgroup"),
    TIME("time");

    private final String lsnsName;

    NamespaceKind(String lsnsName) {
        this.lsnsName = lsnsName;
    }

    public String lsnsName() {
        return lsnsName;
    }

    /** The word lab files use: {@code uts pid mount ipc user cgroup time}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
