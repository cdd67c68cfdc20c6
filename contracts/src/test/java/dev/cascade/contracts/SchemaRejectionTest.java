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
                broken(EventTypes.UNIT_UPSERTED, removed("/code"), set("/placements/1/level", "\"VILLAGE\"", "enum"),
                        set("/placements/0/validTo", "\"30/06/2025\"", "format"), set("/version", "-1", "minimum"),
                        set("/predecessors/1/kind", "\"MOSTLY\"", "enum"), removed("/predecessors/2/code"),
                        set("/predecessors", "\"10861\"", "type")),
                broken(EventTypes.PLAN_ISSUED, removed("/programme"), set("/programme/frequency", "\"YEARLY\"", "enum"),
                        set("/programme/periods/0/deadlines/COMMUNE", "\"2024-12-32\"", "format"),
                        set("/reportingUnits", "\"10813\"", "type")),
                broken(EventTypes.PLAN_AMENDED, removed("/programme"), set("/version", "1", "minimum")),
                broken(EventTypes.PLAN_REVOKED, removed("/revokedOn"), set("/revokedOn", "\"31/12/2024\"", "format"),
                        set("/version", "1", "minimum")),
                broken(EventTypes.OBLIGATION_OPENED, removed("/dueAt"), set("/dueAt", "\"2024-12-05\"", "format"),
                        set("/level", "\"HAMLET\"", "enum")),
                broken(EventTypes.OBLIGATION_FULFILLED, removed("/status"), set("/status", "\"DONE\"", "enum"),
                        set("/version", "\"2\"", "type")),
                broken(EventTypes.REPORT_SUBMITTED, removed("/unitCode"),
                        set("/values/GDNN_NEW_ENROLMENT/value", "-5", "minimum"),
                        set("/values/GDNN_INTAKE_RATE/numerator", "\"120\"", "type"),
                        set("/values/GDNN_INTAKE_RATE/denominator", "null", "type"),
                        set("/reportVersion", "2", "const"), set("/tasks/0/status", "\"FINISHED\"", "enum")),
                broken(EventTypes.REPORT_REVISED, removed("/reportId"), set("/reportVersion", "1", "minimum"),
                        set("/values/GDNN_INTAKE_RATE/denominator", "-200", "minimum")),
                broken(EventTypes.OBLIGATION_OVERDUE, removed("/overdueSince"),
                        set("/deadline", "\"05/12/2024\"", "format")),
                broken(EventTypes.OBLIGATION_CLOSED, removed("/reason"), set("/reason", "\"CANCELLED\"", "enum")),
                broken(EventTypes.OBLIGATION_REOPENED, removed("/withdrawnReportId"),
                        set("/status", "\"REOPENED\"", "enum")),
                broken(EventTypes.OBLIGATION_RESCHEDULED, removed("/previousDeadline"),
                        set("/deadline", "\"12/12/2024\"", "format")),
                broken(EventTypes.REPORT_WITHDRAWN, removed("/reportVersion"), set("/reportVersion", "1", "minimum"),
                        set("/parentCode", "null", "type")),
                broken(EventTypes.REPORT_ACCEPTED, removed("/reviewerUnitCode"), set("/reportVersion", "0", "minimum")),
                broken(EventTypes.REPORT_RETURNED, removed("/reason"), set("/reason", "\"\"", "minLength")),
                broken(EventTypes.ROLLUP_CONTRIBUTED, removed("/seq"), set("/completeness/received", "-1", "minimum"),
                        set("/values/GDNN_NEW_ENROLMENT/count", "\"two\"", "type")),
                broken(EventTypes.AGGREGATE_UPDATED, removed("/completeness"), removed("/completeness/expected"),
                        set("/level", "\"REGION\"", "enum"),
                        set("/values/GDNN_INTAKE_RATE/numerator", "-260", "minimum"),
                        set("/values/GDNN_INTAKE_RATE/rule", "\"MEDIAN\"", "enum"),
                        set("/targets/0/met", "\"no\"", "type")),
                broken(EventTypes.NOTIFICATION_SENT, removed("/sentAt"), set("/sentAt", "\"yesterday\"", "format"),
                        set("/unitCode", "10813", "type")))
                .flatMap(group -> group);
    }

    /** The breakages of one event type's golden. */
    private static Stream<Breakage> broken(String eventType, Change... changes) {
        return Stream.of(changes).map(change -> change.of(eventType));
    }

    /** The field at {@code pointer} removed: the error is {@code required}, at that pointer. */
    private static Change removed(String pointer) {
        return new Change(pointer, null, "required");
    }

    /** The field at {@code pointer} set to {@code literal}: the error is {@code keyword}, at that pointer. */
    private static Change set(String pointer, String literal, String keyword) {
        return new Change(pointer, literal, keyword);
    }

    /** A breakage not yet tied to an event type; the error always points at the changed field. */
    private record Change(String pointer, String literal, String keyword) {
        Breakage of(String eventType) {
            return new Breakage(eventType, pointer, literal, keyword, pointer);
        }
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
