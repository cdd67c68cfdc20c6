package dev.cascade.aggregation.rollup.engine;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.cascade.contracts.EmbeddedMongo;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A {@link MongoTemplate} on the test JVM's shared embedded store, in a database of the test class's own, for store
 * tests that need no Spring context: connected before the class's first test, closed after its last.
 */
public final class EmbeddedTemplate implements BeforeAllCallback, AfterAllCallback {

    private final String database;
    private MongoClient client;
    private MongoTemplate mongo;

    public EmbeddedTemplate(String database) {
        this.database = database;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        client = MongoClients.create(EmbeddedMongo.uri());
        mongo = new MongoTemplate(client, database);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
    }

    public MongoTemplate mongo() {
        return mongo;
    }

    /** The template, with the collections of {@code stored} dropped first (a test starts from an empty store). */
    public MongoTemplate emptied(Class<?>... stored) {
        for (Class<?> type : stored) {
            mongo.dropCollection(type);
        }
        return mongo;
    }
}
