package dev.cascade.contracts;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code asyncapi.yaml} agrees with the code: topics, event types, schemas, operations and the public example. */
class AsyncApiDocumentTest {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static JsonNode doc;

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml on the classpath").isNotNull();
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            // Through text, so that YAML decimals become BigDecimal nodes like the golden's.
            doc = MAPPER.readTree(MAPPER.writeValueAsString(yaml));
        }
    }

    @Test
    void isAnAsyncApi3DocumentAboutCascadeEvents() {
        assertThat(doc.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(doc.at("/info/title").asString()).isEqualTo("Cascade events");
        assertThat(doc.at("/info/version").asString()).isNotBlank();
        assertThat(doc.at("/info/description").asString()).contains("ce_specversion", "ce_type", "binary mode", ".dlq");
    }

    @Test
    void channelAddressesAreExactlyTheTopics() {
        List<String> addresses = topicChannels().map(c -> c.get("address").asString()).toList();

        assertThat(addresses).containsExactlyElementsOf(Topics.ALL);
    }

    /**
     * Each dead-letter topic a Cascade service writes is a channel of its own (address {@code <topic>.dlq}, the
     * topic's messages, a {@code send} operation for every service that receives the topic, none receiving it).
     */
    @Test
    void theDeadLetterTopicsCascadeWritesAreChannelsSentByExactlyTheServicesThatReceiveTheirTopic() {
        Map<String, List<String>> receivers = new TreeMap<>();
        Map<String, List<String>> deadLetterSenders = new TreeMap<>();
        doc.get("operations").properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            String address = resolve(operation.get("channel")).get("address").asString();
            String service = operation.at("/tags/0/name").asString();
            if (!service.endsWith("-service")) {
                return;
            }
            if (address.endsWith(".dlq")) {
                assertThat(operation.get("action").asString()).as(entry.getKey()).isEqualTo("send");
                deadLetterSenders.computeIfAbsent(address, k -> new ArrayList<>()).add(service);
            } else if (operation.get("action").asString().equals("receive")) {
                receivers.computeIfAbsent(Topics.deadLetter(address), k -> new ArrayList<>()).add(service);
            }
        });

        assertThat(deadLetterSenders).isEqualTo(receivers);
        assertThat(deadLetterSenders.keySet()).contains(Topics.deadLetter(Topics.UNITS),
                Topics.deadLetter(Topics.REPORTS), Topics.deadLetter(Topics.ROLLUP));
        doc.get("channels").valueStream().filter(c -> c.get("address").asString().endsWith(".dlq")).forEach(c -> {
            String topic = c.get("address").asString().replaceAll("\\.dlq$", "");
            assertThat(c.at("/bindings/kafka/topic").asString()).isEqualTo(Topics.deadLetter(topic));
            assertThat(c.get("messages")).isEqualTo(channelOf(topic).get("messages"));
            assertThat(c.get("description").asString()).contains("key", "x-exception-message");
        });
    }

    @Test
    void everyChannelNamesItsDeadLetterTopicAndItsKafkaTopic() {
        topicChannels().forEach(channel -> {
            String topic = channel.get("address").asString();
            assertThat(channel.get("x-dead-letter-topic").asString()).isEqualTo(Topics.deadLetter(topic));
            assertThat(channel.at("/bindings/kafka/topic").asString()).isEqualTo(topic);
            assertThat(channel.get("description").asString()).containsIgnoringCase("key");
        });
    }

    @Test
    void compactedTopicsAreDeclaredCompacted() {
        topicChannels().forEach(channel -> {
            String topic = channel.get("address").asString();
            String policy = channel.at("/bindings/kafka/topicConfiguration/cleanup.policy/0").asString();
            assertThat(policy).as(topic).isEqualTo(Topics.COMPACTED.contains(topic) ? "compact" : "delete");
        });
    }

    @Test
    void rollupIsMarkedInternalAndAggregatesPublic() {
        assertThat(channelOf(Topics.ROLLUP).get("x-internal").asBoolean()).isTrue();
        assertThat(channelOf(Topics.ROLLUP).at("/tags/0/name").asString()).isEqualTo("internal");
        assertThat(channelOf(Topics.AGGREGATES).at("/tags/0/name").asString()).isEqualTo("public");
        assertThat(channelOf(Topics.AGGREGATES).get("description").asString())
                .contains("offset 0", "highest `version`");
    }

    @Test
    void everyEventTypeIsAMessageOnTheChannelOfItsTopicWithItsSchema() {
        Map<String, String> topicOfMessage = new HashMap<>();
        topicChannels().forEach(channel -> channel.get("messages").valueStream().forEach(ref -> {
            JsonNode message = resolve(ref);
            topicOfMessage.put(message.get("name").asString(), channel.get("address").asString());
        }));

        assertThat(topicOfMessage).isEqualTo(EventTypes.TOPIC_OF);
        doc.at("/components/messages").valueStream().forEach(message -> {
            String type = message.get("name").asString();
            assertThat(message.at("/payload/schemaFormat").asString())
                    .isEqualTo("application/schema+json;version=draft-2020-12");
            assertThat(message.at("/payload/schema/$ref").asString()).isEqualTo(EventSchemas.resource(type));
            assertThat(message.at("/headers/allOf/1/properties/ce_type/const").asString()).isEqualTo(type);
            assertThat(message.at("/bindings/kafka/key/description").asString()).isNotBlank();
        });
    }

    @Test
    void everyChannelHasOneSendingServiceAndEveryOperationReferencesAChannelMessage() {
        Map<String, List<String>> senders = new HashMap<>();
        doc.get("operations").properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            assertThat(operation.get("action").asString()).as(entry.getKey()).isIn("send", "receive");
            JsonNode channel = resolve(operation.get("channel"));
            assertThat(channel.get("address")).as(entry.getKey()).isNotNull();
            operation.get("messages").valueStream().forEach(ref -> assertThat(resolve(ref).get("name")).isNotNull());
            assertThat(operation.at("/tags/0/name").asString()).as(entry.getKey()).isNotBlank();
            boolean deadLetter = channel.get("address").asString().endsWith(".dlq");
            if (operation.get("action").asString().equals("send") && !deadLetter) {
                senders.computeIfAbsent(channel.get("address").asString(), k -> new ArrayList<>())
                        .add(operation.at("/tags/0/name").asString());
            }
        });

        assertThat(senders).containsOnlyKeys(Topics.ALL);
        assertThat(senders).allSatisfy((topic, services) -> assertThat(services).as(topic).hasSize(1));
        assertThat(senders.get(Topics.UNITS)).containsExactly("plan-service");
        assertThat(senders.get(Topics.REPORTS)).containsExactly("report-service");
        assertThat(senders.get(Topics.AGGREGATES)).containsExactly("aggregation-service");
    }

    @Test
    void aggregatesExampleIsTheGoldenAndValidatesAgainstTheSchema() {
        JsonNode example = doc.at("/components/messages/aggregateUpdated/examples/0");
        JsonNode golden = MAPPER.readTree(GoldenFiles.read(EventTypes.AGGREGATE_UPDATED));

        assertThat(example.get("payload")).isEqualTo(golden);
        assertThat(EventSchemas.validate(EventTypes.AGGREGATE_UPDATED, MAPPER.writeValueAsString(example.get("payload"))))
                .isEmpty();
        assertThat(example.at("/headers/ce_type").asString()).isEqualTo(EventTypes.AGGREGATE_UPDATED);
        assertThat(example.at("/headers/ce_subject").asString()).isEqualTo(new AggregateKey(
                golden.get("programme").asString(), golden.get("period").asString(),
                golden.get("unitCode").asString()).toString());
    }

    @Test
    void unitExamplesValidateAndTheFirstIsTheGoldenWithItsPredecessors() {
        JsonNode examples = doc.at("/components/messages/unitUpserted/examples");
        JsonNode golden = MAPPER.readTree(GoldenFiles.read(EventTypes.UNIT_UPSERTED));

        assertThat(examples.get(0).get("payload")).isEqualTo(golden);
        assertThat(examples).hasSize(2).allSatisfy(example -> {
            assertThat(EventSchemas.validate(EventTypes.UNIT_UPSERTED, MAPPER.writeValueAsString(example.get("payload"))))
                    .isEmpty();
            assertThat(example.at("/headers/ce_type").asString()).isEqualTo(EventTypes.UNIT_UPSERTED);
            assertThat(example.at("/headers/ce_subject").asString()).isEqualTo(example.at("/payload/code").asString());
        });
        assertThat(examples.get(1).at("/payload/predecessors").valueStream()
                .map(p -> p.get("code").asString() + " " + p.get("kind").asString()).toList())
                .containsExactly("10816 PARTIAL", "10825 FULL", "10828 PARTIAL");
        assertThat(doc.at("/components/messages/unitUpserted/description").asString())
                .contains("predecessors", "FULL", "PARTIAL", "optional");
    }

    /** The channels of the topics themselves, without the dead-letter topics'. */
    private static Stream<JsonNode> topicChannels() {
        return doc.get("channels").valueStream().filter(c -> !c.get("address").asString().endsWith(".dlq"));
    }

    private static JsonNode channelOf(String topic) {
        return doc.get("channels").valueStream()
                .filter(c -> c.get("address").asString().equals(topic))
                .findFirst().orElseThrow();
    }

    /** Follows a local {@code $ref} ({@code #/...}) once; returns the node itself when it is not a reference. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String pointer = ref.asString();
        assertThat(pointer).startsWith("#/");
        JsonNode target = resolve(doc.at(pointer.substring(1)));
        assertThat(target.isMissingNode()).as("%s resolves", pointer).isFalse();
        return target;
    }
}
