package dev.cascade.contracts;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;

/**
 * One in-memory MongoDB-wire server per test JVM, shared by the services' tests through the contracts test-jar.
 * Tests isolate themselves by database name. {@code CASCADE_MONGODB_URI} points the tests at a real MongoDB instead.
 */
public final class EmbeddedMongo {

    private static MongoServer server;

    private EmbeddedMongo() {
    }

    /** A connection string for the shared server (or {@code CASCADE_MONGODB_URI} when set). */
    public static synchronized String uri() {
        String external = System.getenv("CASCADE_MONGODB_URI");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "embedded-mongo-shutdown"));
        }
        InetSocketAddress address = server.getLocalAddress();
        return "mongodb://127.0.0.1:" + address.getPort();
    }
}
