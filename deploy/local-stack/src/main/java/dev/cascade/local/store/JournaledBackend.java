package dev.cascade.local.store;

import de.bwaldvogel.mongo.MongoDatabase;
import io.netty.channel.Channel;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;

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

    private final Journal journal;
    private Map<String, LinkedHashMap<Object, Document>> recovered;

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
        try {
            Document answer = super.handleCommand(channel, databaseName, command, query);
            journal.awaitWrites();
            return answer;
        } finally {
            journal.awaitWritesQuietly();
        }
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
