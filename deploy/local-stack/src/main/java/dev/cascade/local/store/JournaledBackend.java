package dev.cascade.local.store;

import de.bwaldvogel.mongo.MongoDatabase;
import io.netty.channel.Channel;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The local stack's MongoDB-wire store: mongo-java-server's in-memory collections and indexes, made durable by a
 * {@link Journal}. Reads cost what the in-memory store costs; a write costs one appended record. On start it
 * replays the journal, opens every database found there and rewrites the journal compactly; while it runs, the
 * journal compacts itself again whenever it has grown enough (see {@link Journal} for the format, the checksums, what
 * an answered write survives and what a damaged journal does to the start).
 * <p>
 * It replaces the store's H2 file backend, which serialised every document and every index key with Java
 * serialization: in the national benchmark that backend took most of the stack's CPU.
 */
public final class JournaledBackend extends AbstractMongoBackend {

    private static final Logger log = LoggerFactory.getLogger(JournaledBackend.class);
    /** MongoDB's default {@code slowms}. */
    public static final long DEFAULT_SLOW_MILLIS = 100;
    private static final int FILTER_CHARACTERS = 300;

    private final Journal journal;
    private Map<String, LinkedHashMap<Object, Document>> recovered;
    private volatile long slowNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(DEFAULT_SLOW_MILLIS);

    public JournaledBackend(Path file) throws IOException {
        this(file, Journal.Options.DEFAULT);
    }

    /**
     * @throws Journal.CorruptedException when the journal is damaged in the middle and {@code options} say to refuse
     */
    public JournaledBackend(Path file, Journal.Options options) throws IOException {
        this.journal = Journal.open(file, options);
        this.recovered = journal.recovered();
        TreeSet<String> databases = new TreeSet<>();
        recovered.keySet().forEach(namespace -> databases.add(namespace.substring(0, namespace.indexOf('.'))));
        databases.forEach(this::resolveDatabase);
        // whatever was not claimed belongs to no listed collection (cannot happen with a journal this class wrote)
        this.recovered = new LinkedHashMap<>();
    }

    /** Answers a command once what it changed is written to the journal (the write happens outside the lock). */
    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        long start = System.nanoTime();
        try {
            shareStrings(command, query);
            Document answer = super.handleCommand(channel, databaseName, command, query);
            journal.awaitWrites();
            return answer;
        } finally {
            journal.awaitWritesQuietly();
            long took = System.nanoTime() - start;
            if (took >= slowNanos) {
                log.info("slow store command: {} ms {} {}.{} {}", took / 1_000_000, command, databaseName,
                        query.get(command), filterOf(command, query));
            }
        }
    }

    /** The documents a write brings into the store, with the strings the store already keeps ({@link SharedStrings}). */
    static void shareStrings(String command, Document query) {
        switch (command) {
            case "insert" -> query.computeIfPresent("documents", (key, documents) ->
                    SharedStrings.STORE.shareValue(documents));
            case "update" -> {
                if (query.get("updates") instanceof java.util.List<?> statements) {
                    for (Object statement : statements) {
                        if (statement instanceof Document update) {
                            update.computeIfPresent("u", (key, u) -> SharedStrings.STORE.shareValue(u));
                        }
                    }
                }
            }
            case "findAndModify", "findandmodify" -> query.computeIfPresent("update", (key, update) ->
                    SharedStrings.STORE.shareValue(update));
            default -> {
                // reads and deletes keep nothing
            }
        }
    }

    /**
     * Logs each command that takes at least {@code millis} (as MongoDB's {@code slowms}: 100 by default; a negative
     * value logs none): its time, name, namespace and filter, so that a query the store answers by scanning a
     * collection can be found.
     */
    public void logCommandsSlowerThan(long millis) {
        slowNanos = millis < 0 ? Long.MAX_VALUE : java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** The part of a command that selects documents (the first one's, for a batch of updates or deletes). */
    static String filterOf(String command, Document query) {
        Object filter = switch (command) {
            case "find" -> query.get("filter");
            case "findAndModify", "findandmodify", "count" -> query.get("query");
            case "update" -> first(query.get("updates"), "q");
            case "delete" -> first(query.get("deletes"), "q");
            case "aggregate" -> query.get("pipeline");
            default -> null;
        };
        if (filter == null) {
            return "";
        }
        String text = filter.toString();
        return text.length() <= FILTER_CHARACTERS ? text : text.substring(0, FILTER_CHARACTERS) + "…";
    }

    private static Object first(Object statements, String field) {
        return statements instanceof java.util.List<?> list && !list.isEmpty() && list.get(0) instanceof Document d
                ? d.get(field) : null;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new JournaledDatabase(databaseName, getCursorRegistry(), journal, recovered);
    }

    public Path file() {
        return journal.file();
    }

    /** How the journal writes, recovers and compacts. */
    public Journal.Options journalOptions() {
        return journal.options();
    }

    Journal journal() {
        return journal;
    }

    @Override
    public void close() {
        super.close();
        try {
            journal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
