package dev.cascade.local.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Where in the file the last {@code P} record of every live document is, per namespace. The writer thread updates it
 * from the records it writes, in the order it writes them, so it describes exactly the file it has written; a
 * compaction copies the records it names. It costs about 80 bytes of memory per document. Filled by the compaction
 * at open, then owned by the writer thread.
 */
final class JournalIndex {

    /** Where the last {@code P} record of a document is (mutable: moved by a compaction, in the writer thread). */
    static final class Loc {
        long offset;
        int length;

        Loc(long offset, int length) {
            this.offset = offset;
            this.length = length;
        }
    }

    /** The live documents of the index at one moment, namespace by namespace (non-empty ones only). */
    record Snapshot(List<String> namespaces, List<Loc[]> documents) {
    }

    private final LinkedHashMap<String, LinkedHashMap<Object, Loc>> namespaces = new LinkedHashMap<>();

    /** Notes a {@code P} record of {@code key} at {@code offset}; returns its location. */
    Loc put(String namespace, Object key, long offset, int length) {
        Loc loc = new Loc(offset, length);
        namespaces.computeIfAbsent(namespace, n -> new LinkedHashMap<>()).put(key, loc);
        return loc;
    }

    /** Follows a record as replaying the file would follow it (see {@link JournalFormat#apply}). */
    void track(byte op, String namespace, Object key, String target) {
        switch (op) {
            case JournalFormat.DELETE -> {
                LinkedHashMap<Object, Loc> documents = namespaces.get(namespace);
                if (documents != null) {
                    documents.remove(key);
                }
            }
            case JournalFormat.DROP -> namespaces.remove(namespace);
            case JournalFormat.RENAME -> {
                LinkedHashMap<Object, Loc> documents = namespaces.remove(namespace);
                if (documents != null) {
                    namespaces.put(target, documents);
                }
            }
            default -> throw new IllegalStateException("unknown journal record '" + (char) op + "'");
        }
    }

    Snapshot snapshot() {
        List<String> names = new ArrayList<>();
        List<Loc[]> documents = new ArrayList<>();
        for (var namespace : namespaces.entrySet()) {
            if (!namespace.getValue().isEmpty()) {
                names.add(namespace.getKey());
                documents.add(namespace.getValue().values().toArray(new Loc[0]));
            }
        }
        return new Snapshot(names, documents);
    }
}
