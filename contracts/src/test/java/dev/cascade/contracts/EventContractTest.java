package dev.cascade.contracts;

import com.networknt.schema.InputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every event type has a schema and a golden, the golden is valid and is exactly what its record serializes to. */
class EventContractTest {

    private static final JsonMapper DEFAULT_MAPPER = JsonMapper.builder().build();

    static Stream<String> eventTypes() {
        return EventPayloads.declaredEventTypes().stream();
    }

    @Test
    void everyEventTypeConstantHasATopicAndAPayloadRecord() {
        assertThat(EventPayloads.declaredEventTypes())
                .hasSize(18)
                .containsExactlyInAnyOrderElementsOf(EventTypes.TOPIC_OF.keySet())
                .containsExactlyInAnyOrderElementsOf(EventPayloads.RECORD_OF.keySet());
        assertThat(Topics.ALL).containsAll(EventTypes.TOPIC_OF.values());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void eachEventTypeHasASchemaAndAGolden(String eventType) {
        assertThat(getClass().getClassLoader().getResource(EventSchemas.resource(eventType)))
                .as("schema of %s", eventType).isNotNull();
        assertThat(Files.isRegularFile(GoldenFiles.file(eventType))).as("golden of %s", eventType).isTrue();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void goldenValidatesAgainstItsSchema(String eventType) {
        assertThat(EventSchemas.validate(eventType, GoldenFiles.read(eventType))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void goldenIsExactlyWhatTheDefaultJsonMapperWritesForItsRecord(String eventType) {
        Class<? extends Record> type = EventPayloads.RECORD_OF.get(eventType);
        Record payload = DEFAULT_MAPPER.readValue(GoldenFiles.read(eventType), type);

        GoldenFiles.assertMatches(eventType, DEFAULT_MAPPER.writeValueAsString(payload));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaDeclaresEveryComponentOfTheRecordAndRequiresOnlyComponents(String eventType) {
        Set<String> components = new TreeSet<>(Arrays.stream(EventPayloads.RECORD_OF.get(eventType)
                .getRecordComponents()).map(c -> c.getName()).toList());
        JsonNode schema = topLevelObjectSchema(eventType);

        assertThat(new TreeSet<>(schema.get("properties").propertyNames())).isEqualTo(components);
        assertThat(components).containsAll(strings(schema.get("required")));
        assertThat(schema.get("additionalProperties").asBoolean()).isTrue();
    }

    @Test
    void schemasResolveFromTheClasspathAndNeverFromTheNetwork() {
        assertThat(EventSchemas.at(EventSchemas.BASE + "common.schema.json").getSchemaNode().get("$defs").has("Completeness"))
                .isTrue();
        assertThatThrownBy(() -> EventSchemas.at("https://example.org/schemas/elsewhere.schema.json").validate("{}",
                InputFormat.JSON))
                .hasStackTraceContaining("no network");
    }

    @Test
    void reportRevisedGoldenIsASecondVersionOfTheSubmittedReport() {
        JsonNode submitted = DEFAULT_MAPPER.readTree(GoldenFiles.read(EventTypes.REPORT_SUBMITTED));
        JsonNode revised = DEFAULT_MAPPER.readTree(GoldenFiles.read(EventTypes.REPORT_REVISED));

        assertThat(submitted.get("reportVersion").asInt()).isEqualTo(1);
        assertThat(revised.get("reportVersion").asInt()).isEqualTo(2);
        assertThat(revised.get("reportId")).isEqualTo(submitted.get("reportId"));
    }

    /** The event's own schema, or for the report events the shared ReportVersion definition it refers to. */
    private static JsonNode topLevelObjectSchema(String eventType) {
        JsonNode schema = schemaJson(EventSchemas.resource(eventType));
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            assertThat(ref).startsWith("common.schema.json#/$defs/");
            JsonNode definition = schemaJson("schemas/common.schema.json")
                    .at("/$defs/" + ref.substring(ref.lastIndexOf('/') + 1));
            Set<String> refined = new LinkedHashSet<>(schema.get("properties").propertyNames());
            assertThat(definition.get("properties").propertyNames()).containsAll(refined);
            return definition;
        }
        return schema;
    }

    private static JsonNode schemaJson(String resource) {
        try (InputStream in = EventContractTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return DEFAULT_MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
