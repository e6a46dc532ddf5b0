package io.nslab.deploy;

import io.nslab.model.NamespaceRef;

import java.util.List;

/**
 * What a {@code down} removed, and what it left because it could not prove it the lab's.
 *
 * @param removed  the lab's namespaces deleted
 * @param notes    namespaces and interfaces left alone (another has the name now), host values restored, record problems
 */
public record DownResult(String lab, List<NamespaceRef.Named> removed, List<String> notes) {
    public DownResult {
        removed = List.copyOf(removed);
        notes = List.copyOf(notes);
    }
}
