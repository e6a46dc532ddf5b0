package io.nslab.op;

import io.nslab.model.NamespaceRef;

/** One sysctl of one namespace, such as {@code net.ipv4.ip_forward} of {@code router}. */
public record SysctlKey(NamespaceRef netns, String key) {
}
