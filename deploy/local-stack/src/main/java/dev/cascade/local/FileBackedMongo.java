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
        server.bind("127.0.0.1", port);
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }
}
