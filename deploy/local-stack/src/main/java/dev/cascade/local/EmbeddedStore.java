package dev.cascade.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.cascade.local.store.Journal;
import dev.cascade.local.store.JournaledBackend;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The local stack's MongoDB-wire-compatible server (mongo-java-server), kept in {@code <home>/mongo}: in memory with
 * an append-only journal ({@link JournaledBackend}, file {@code cascade.journal}), so a restart keeps the data.
 * A home made by an earlier version keeps its H2 file ({@code cascade.mv}) and goes on using it, so nothing
 * stored there is lost; delete the folder to move to the journal. What an answered write survives, and what a
 * journal damaged in the middle does to the start, are set by {@code CASCADE_STORE_DURABILITY} and
 * {@code CASCADE_STORE_ON_CORRUPTION} ({@link StackSettings#storeJournal}).
 */
final class EmbeddedStore implements AutoCloseable {

    private final AbstractMongoBackend backend;
    private final MongoServer server;
    private final Path file;

    /** With the journal options of the environment ({@link StackSettings#storeJournal}). */
    EmbeddedStore(Path folder) throws IOException {
        this(folder, StackSettings.storeJournal(System.getenv()));
    }

    EmbeddedStore(Path folder, Journal.Options journalOptions) throws IOException {
        Files.createDirectories(folder);
        Path legacy = folder.resolve("cascade.mv");
        Path journal = folder.resolve("cascade.journal");
        if (Files.exists(legacy) && !Files.exists(journal)) {
            file = legacy;
            backend = new H2Backend(legacy.toString());
        } else {
            file = journal;
            JournaledBackend journaled = new JournaledBackend(journal, journalOptions);
            journaled.logCommandsSlowerThan(StackSettings.storeSlowMillis(System.getenv()));
            backend = journaled;
        }
        server = new MongoServer(backend);
    }

    /** What the stack prints about the store. */
    String description() {
        return backend instanceof JournaledBackend journaled ? "(journal " + file + ", durability "
                + journaled.journalOptions().durability().name().toLowerCase(Locale.ROOT) + ")"
                : "(H2 file " + file + " of an earlier version; delete it for the faster journal)";
    }

    /**
     * Threads that answer the store's connections. The server handles a request on its connection's thread from
     * start to end, waiting there for the collection's lock; with netty's default (two per core) one request waiting
     * for a busy collection held up the requests of every other connection on its thread, whatever they touched.
     */
    private static final int WORKER_THREADS = 32;

    void start(int port) {
        try {
            server.bind(new InetSocketAddress("127.0.0.1", port), 1, WORKER_THREADS);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on port " + port + " for the MongoDB-wire store (in use? set "
                    + "CASCADE_MONGODB_PORT, or CASCADE_MONGODB_URI to use a running MongoDB)", e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }
}
