package dev.cascade.platform.test;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service's bad-input catalogue shares: the table's {@link Row} and {@link Headers}, the kinds of problem,
 * sending a row over real HTTP, and the assertions on its answer. Every row must be answered with its status, an
 * {@code application/problem+json} body of type {@code urn:cascade:problem:<kind>} naming its field (when it has
 * one), without Java names and without echoing a large input; afterwards the service must still answer and its state
 * (what the catalogue gives: its store and the end offsets of the topics it publishes on) must be as before.
 * <p>
 * A service's catalogue keeps its own Spring set-up, its table and the store part of its state; the Kafka part comes
 * from {@link #putEndOffsets(Map, String, String...)}.
 */
public final class BadInputCatalogue {

    // kinds of problem (urn:cascade:problem:<kind>)
    public static final String MALFORMED = "malformed-request";
    public static final String INVALID = "invalid-content";
    public static final String NOT_FOUND = "not-found";
    public static final String FORBIDDEN = "forbidden";
    public static final String CONFLICT = "conflict";
    public static final String METHOD = "method-not-allowed";
    public static final String MEDIA = "unsupported-media-type";
    public static final String TOO_LARGE = "body-too-large";

    /** The largest problem document accepted: a refusal must not echo a large input. */
    public static final int MAX_PROBLEM_LENGTH = 4096;

    /** One refused request and the answer it must get. */
    public record Row(String name, String method, String path, Headers headers, String body, int status, String kind,
                      String field) {
        /** The same row sent to another path (for tables whose paths hold placeholders). */
        public Row withPath(String other) {
            return new Row(name, method, other, headers, body, status, kind, field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Request headers as name, value pairs; {@code chunked} streams the body without a Content-Length. */
    public record Headers(List<String> pairs, boolean chunked) {
        public static Headers of(String... pairs) {
            return new Headers(List.of(pairs), false);
        }

        public Headers streamed() {
            return new Headers(pairs, true);
        }

        public Headers with(String name, String value) {
            List<String> more = new ArrayList<>(pairs);
            more.add(name);
            more.add(value);
            return new Headers(more, chunked);
        }
    }

    public static final Headers NONE = Headers.of();
    public static final Headers JSON = Headers.of("Content-Type", "application/json");
    public static final Headers TEXT = Headers.of("Content-Type", "text/plain");

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonMapper PROBLEMS = JsonMapper.builder().build();
    /** Readers of end offsets, one per broker (bootstrap servers). */
    private static final Map<String, KafkaConsumer<String, String>> OFFSETS = new ConcurrentHashMap<>();

    private BadInputCatalogue() {
    }

    /** A row of the table: name, method, path, headers, body, status, problem kind, field named (null: none). */
    public static Row row(String name, String method, String path, Headers headers, String body, int status,
                          String kind, String field) {
        return new Row(name, method, path, headers, body, status, kind, field);
    }

    /** The base URI of a service listening on {@code port} of this machine. */
    public static URI local(int port) {
        return URI.create("http://localhost:" + port);
    }

    /**
     * Sends the row to the service at {@code base} and asserts everything about its answer: the row's status, a
     * problem document of its kind naming its field, no Java names, no echo; then that the service still answers
     * ({@code stillAnswers} throws if not) and that {@code state} is what it was before the row was sent.
     */
    public static void assertRefused(URI base, Row row, Supplier<Map<String, String>> state, Runnable stillAnswers) {
        Map<String, String> before = state.get();

        HttpResponse<String> response = send(base, row.method(), row.path(), row.headers(), row.body());

        String body = response.body();
        assertThat(response.statusCode()).as("status of %s; body %s", row.name(), body).isEqualTo(row.status());
        assertThat(response.headers().firstValue("Content-Type")).as("Content-Type; body %s", body)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body).as("no Java names").doesNotContain("java.", "dev.cascade", "tools.jackson", "JsonToken");
        assertThat(body.length()).as("no echo of a large input: %s", body).isLessThanOrEqualTo(MAX_PROBLEM_LENGTH);
        JsonNode problem = PROBLEMS.readTree(body);
        assertThat(problem.path("type").asString()).as(body).isEqualTo("urn:cascade:problem:" + row.kind());
        assertThat(problem.path("status").asInt()).as(body).isEqualTo(row.status());
        if (row.field() != null) {
            assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()).toList())
                    .as("fields named in %s", body).contains(row.field());
        }
        stillAnswers.run();
        assertThat(state.get()).as("nothing stored, nothing published").isEqualTo(before);
    }

    /** A "still answers" check: a GET of {@code path} at {@code base} is answered 200. */
    public static Runnable answers(URI base, String path) {
        return () -> {
            HttpResponse<String> still = get(base, path);
            assertThat(still.statusCode()).as("the service still answers: %s", still.body()).isEqualTo(200);
        };
    }

    /** A GET of {@code path} at {@code base}, without headers. */
    public static HttpResponse<String> get(URI base, String path) {
        return send(base, "GET", path, NONE, null);
    }

    /** Sends a request over HTTP/1.1; a body with {@link Headers#chunked()} goes without a Content-Length. */
    public static HttpResponse<String> send(URI base, String method, String path, Headers headers, String body) {
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (headers.chunked()) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        } else {
            publisher = HttpRequest.BodyPublishers.ofString(body);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).method(method, publisher);
        List<String> pairs = headers.pairs();
        for (int i = 0; i < pairs.size(); i += 2) {
            request.header(pairs.get(i), pairs.get(i + 1));
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    /** The number of documents (as JSON) and an order-independent hash of their content: "count/hash". */
    public static String digest(Iterable<String> documents) {
        long count = 0;
        long hash = 0;
        for (String document : documents) {
            count++;
            hash += document.hashCode();
        }
        return count + "/" + hash;
    }

    /**
     * A state to compare before and after a row: the {@link #digest(Iterable) digest} of each collection of a store
     * ({@code documents} gives a collection's documents as JSON) and the end offsets of {@code topics} on the broker
     * at {@code bootstrapServers}.
     */
    public static Map<String, String> state(Iterable<String> collections,
                                            Function<String, ? extends Iterable<String>> documents,
                                            String bootstrapServers, String... topics) {
        Map<String, String> state = new TreeMap<>();
        for (String collection : collections) {
            state.put(collection, digest(documents.apply(collection)));
        }
        putEndOffsets(state, bootstrapServers, topics);
        return state;
    }

    /**
     * The {@link #state(Iterable, Function, String, String...) state} of a service's whole database: every
     * collection of {@code mongo}, count and content; and the end offsets of {@code topics}.
     */
    public static Map<String, String> state(MongoTemplate mongo, String bootstrapServers, String... topics) {
        return state(mongo.getCollectionNames(), collection -> mongo.getCollection(collection).find()
                .map(Document::toJson), bootstrapServers, topics);
    }

    /** Adds the end offset of every partition of {@code topics} to {@code state}, keyed "topic-partition". */
    public static void putEndOffsets(Map<String, String> state, Consumer<?, ?> consumer, String... topics) {
        for (String topic : topics) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.endOffsets(partitions).forEach((p, end) -> state.put(p.toString(), String.valueOf(end)));
        }
    }

    /**
     * As {@link #putEndOffsets(Map, Consumer, String...)}, read by a consumer of the broker at
     * {@code bootstrapServers} that is kept until {@link #closeConsumers()}.
     */
    public static void putEndOffsets(Map<String, String> state, String bootstrapServers, String... topics) {
        putEndOffsets(state, OFFSETS.computeIfAbsent(bootstrapServers, servers -> new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "catalogue-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())),
                topics);
    }

    /** Closes the consumers {@link #putEndOffsets(Map, String, String...)} opened. */
    public static void closeConsumers() {
        OFFSETS.values().removeIf(consumer -> {
            consumer.close();
            return true;
        });
    }

    /** Waits until {@code state} stays the same for a second: nothing is moving before the first row is sent. */
    public static void awaitQuiet(Supplier<Map<String, String>> state, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, String> first = state.get();
            Thread.sleep(1_000);
            return first.equals(state.get());
        });
    }
}
