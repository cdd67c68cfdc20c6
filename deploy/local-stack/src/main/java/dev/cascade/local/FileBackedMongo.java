package dev.cascade.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A MongoDB-wire-compatible server (mongo-java-server) that keeps its data in one H2 file, so a restart keeps it. */
final class FileBackedMongo implements AutoCloseable {

    private final H2Backend backend;
    private final MongoServer server;

    FileBackedMongo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        backend = new H2Backend(file.toString());
        server = new MongoServer(backend);
    }

    void start(int port) {
        try {
            server.bind("127.0.0.1", port);
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
