package dev.cascade.contracts;

import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Each schema rejects broken variants of its golden with the specific error: a required field removed, a wrong
 * type, a negative count, a value outside an enum, a malformed date.
 */
class SchemaRejectionTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * One broken variant of a golden.
     *
     * @param pointer   JSON pointer of the field to change
     * @param literal   JSON literal to put there; {@code null} removes the field
     * @param keyword   the schema keyword that must fail ({@code required}, {@code type}, {@code minimum}, ...)
     * @param at        where the error must point, as a JSON pointer: the instance location, and for
     *                  {@code required} that location followed by the missing property
     */
    record Breakage(String eventType, String pointer, String literal, String keyword, String at) {

        @Override
        public String toString() {
            return eventType + " " + pointer + (literal == null ? " removed" : " = " + literal) + " -> " + keyword;
        }
    }

    static Stream<Breakage> breakages() {
        return Stream.of(
                new Breakage(EventTypes.UNIT_UPSERTED, "/code", null, "required", "/code"),
                new Breakage(EventTypes.UNIT_UPSERTED, "/placements/1/level", "\"VILLAGE\"", "enum", "/placements/1/level"),
                new Breakage(EventTypes.UNIT_UPSERTED, "/placements/0/validTo", "\"30/06/2025\"", "format", "/placements/0/validTo"),
                new Breakage(EventTypes.UNIT_UPSERTED, "/version", "-1", "minimum", "/version"),
                new Breakage(EventTypes.UNIT_UPSERTED, "/predecessors/1/kind", "\"MOSTLY\"", "enum", "/predecessors/1/kind"),
                new Breakage(EventTypes.UNIT_UPSERTED, "/predecessors/2/code", null, "required", "/predecessors/2/code"),
                new Breakage(EventTypes.UNIT_UPSERTED, "/predecessors", "\"10861\"", "type", "/predecessors"),

                new Breakage(EventTypes.PLAN_ISSUED, "/programme", null, "required", "/programme"),
                new Breakage(EventTypes.PLAN_ISSUED, "/programme/frequency", "\"YEARLY\"", "enum", "/programme/frequency"),
                new Breakage(EventTypes.PLAN_ISSUED, "/programme/periods/0/deadlines/COMMUNE", "\"2024-12-32\"", "format", "/programme/periods/0/deadlines/COMMUNE"),
                new Breakage(EventTypes.PLAN_ISSUED, "/reportingUnits", "\"10813\"", "type", "/reportingUnits"),

                new Breakage(EventTypes.PLAN_AMENDED, "/programme", null, "required", "/programme"),
                new Breakage(EventTypes.PLAN_AMENDED, "/version", "1", "minimum", "/version"),

                new Breakage(EventTypes.PLAN_REVOKED, "/revokedOn", null, "required", "/revokedOn"),
                new Breakage(EventTypes.PLAN_REVOKED, "/revokedOn", "\"31/12/2024\"", "format", "/revokedOn"),
                new Breakage(EventTypes.PLAN_REVOKED, "/version", "1", "minimum", "/version"),

                new Breakage(EventTypes.OBLIGATION_OPENED, "/dueAt", null, "required", "/dueAt"),
                new Breakage(EventTypes.OBLIGATION_OPENED, "/dueAt", "\"2024-12-05\"", "format", "/dueAt"),
                new Breakage(EventTypes.OBLIGATION_OPENED, "/level", "\"HAMLET\"", "enum", "/level"),

                new Breakage(EventTypes.OBLIGATION_FULFILLED, "/status", null, "required", "/status"),
                new Breakage(EventTypes.OBLIGATION_FULFILLED, "/status", "\"DONE\"", "enum", "/status"),
                new Breakage(EventTypes.OBLIGATION_FULFILLED, "/version", "\"2\"", "type", "/version"),

                new Breakage(EventTypes.REPORT_SUBMITTED, "/unitCode", null, "required", "/unitCode"),
                new Breakage(EventTypes.REPORT_SUBMITTED, "/values/GDNN_NEW_ENROLMENT/value", "-5", "minimum", "/values/GDNN_NEW_ENROLMENT/value"),
                new Breakage(EventTypes.REPORT_SUBMITTED, "/values/GDNN_INTAKE_RATE/numerator", "\"120\"", "type", "/values/GDNN_INTAKE_RATE/numerator"),
                new Breakage(EventTypes.REPORT_SUBMITTED, "/values/GDNN_INTAKE_RATE/denominator", "null", "type", "/values/GDNN_INTAKE_RATE/denominator"),
                new Breakage(EventTypes.REPORT_SUBMITTED, "/reportVersion", "2", "const", "/reportVersion"),
                new Breakage(EventTypes.REPORT_SUBMITTED, "/tasks/0/status", "\"FINISHED\"", "enum", "/tasks/0/status"),

                new Breakage(EventTypes.REPORT_REVISED, "/reportId", null, "required", "/reportId"),
                new Breakage(EventTypes.REPORT_REVISED, "/reportVersion", "1", "minimum", "/reportVersion"),
                new Breakage(EventTypes.REPORT_REVISED, "/values/GDNN_INTAKE_RATE/denominator", "-200", "minimum", "/values/GDNN_INTAKE_RATE/denominator"),

                new Breakage(EventTypes.OBLIGATION_OVERDUE, "/overdueSince", null, "required", "/overdueSince"),
                new Breakage(EventTypes.OBLIGATION_OVERDUE, "/deadline", "\"05/12/2024\"", "format", "/deadline"),

                new Breakage(EventTypes.REPORT_WITHDRAWN, "/reportVersion", null, "required", "/reportVersion"),
                new Breakage(EventTypes.REPORT_WITHDRAWN, "/reportVersion", "1", "minimum", "/reportVersion"),
                new Breakage(EventTypes.REPORT_WITHDRAWN, "/parentCode", "null", "type", "/parentCode"),

                new Breakage(EventTypes.REPORT_ACCEPTED, "/reviewerUnitCode", null, "required", "/reviewerUnitCode"),
                new Breakage(EventTypes.REPORT_ACCEPTED, "/reportVersion", "0", "minimum", "/reportVersion"),

                new Breakage(EventTypes.REPORT_RETURNED, "/reason", null, "required", "/reason"),
                new Breakage(EventTypes.REPORT_RETURNED, "/reason", "\"\"", "minLength", "/reason"),

                new Breakage(EventTypes.ROLLUP_CONTRIBUTED, "/seq", null, "required", "/seq"),
                new Breakage(EventTypes.ROLLUP_CONTRIBUTED, "/completeness/received", "-1", "minimum", "/completeness/received"),
                new Breakage(EventTypes.ROLLUP_CONTRIBUTED, "/values/GDNN_NEW_ENROLMENT/count", "\"two\"", "type", "/values/GDNN_NEW_ENROLMENT/count"),

                new Breakage(EventTypes.AGGREGATE_UPDATED, "/completeness", null, "required", "/completeness"),
                new Breakage(EventTypes.AGGREGATE_UPDATED, "/completeness/expected", null, "required", "/completeness/expected"),
                new Breakage(EventTypes.AGGREGATE_UPDATED, "/level", "\"REGION\"", "enum", "/level"),
                new Breakage(EventTypes.AGGREGATE_UPDATED, "/values/GDNN_INTAKE_RATE/numerator", "-260", "minimum", "/values/GDNN_INTAKE_RATE/numerator"),
                new Breakage(EventTypes.AGGREGATE_UPDATED, "/values/GDNN_INTAKE_RATE/rule", "\"MEDIAN\"", "enum", "/values/GDNN_INTAKE_RATE/rule"),
                new Breakage(EventTypes.AGGREGATE_UPDATED, "/targets/0/met", "\"no\"", "type", "/targets/0/met"),

                new Breakage(EventTypes.NOTIFICATION_SENT, "/sentAt", null, "required", "/sentAt"),
                new Breakage(EventTypes.NOTIFICATION_SENT, "/sentAt", "\"yesterday\"", "format", "/sentAt"),
                new Breakage(EventTypes.NOTIFICATION_SENT, "/unitCode", "10813", "type", "/unitCode"));
    }

    @ParameterizedTest
    @MethodSource("breakages")
    void schemaRejectsBrokenGolden(Breakage breakage) {
        JsonNode golden = MAPPER.readTree(GoldenFiles.read(breakage.eventType()));
        JsonNode broken = golden.deepCopy();
        apply(broken, breakage);
        assertThat(broken).as("the breakage changed the golden").isNotEqualTo(golden);

        Set<ValidationMessage> errors = EventSchemas.validate(breakage.eventType(), MAPPER.writeValueAsString(broken));

        assertThat(errors).extracting(ValidationMessage::getType, SchemaRejectionTest::location)
                .as("errors: %s", errors)
                .contains(tuple(breakage.keyword(), breakage.at()));
    }

    @Test
    void everyEventTypeIsBrokenByARemovedFieldAndByAWrongValue() {
        for (String eventType : EventPayloads.declaredEventTypes()) {
            List<Breakage> ofType = breakages().filter(b -> b.eventType().equals(eventType)).toList();
            assertThat(ofType).as(eventType).anyMatch(b -> b.literal() == null && b.keyword().equals("required"));
            assertThat(ofType).as(eventType).anyMatch(b -> b.literal() != null);
        }
    }

    private static String location(ValidationMessage message) {
        String instance = message.getInstanceLocation().toString();
        return "required".equals(message.getType()) ? instance + "/" + message.getProperty() : instance;
    }

    private static void apply(JsonNode root, Breakage breakage) {
        JsonPointer pointer = JsonPointer.compile(breakage.pointer());
        JsonNode parent = root.at(pointer.head());
        JsonPointer last = pointer.last();
        if (parent instanceof ObjectNode object) {
            String name = last.getMatchingProperty();
            assertThat(object.has(name)).as("%s exists in the golden", breakage.pointer()).isTrue();
            if (breakage.literal() == null) {
                object.remove(name);
            } else {
                object.set(name, MAPPER.readTree(breakage.literal()));
            }
        } else if (parent instanceof ArrayNode array && breakage.literal() != null) {
            array.set(last.getMatchingIndex(), MAPPER.readTree(breakage.literal()));
        } else {
            throw new IllegalArgumentException("cannot apply " + breakage);
        }
    }
}
