package dev.cascade.report.outbox;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.Topics;
import dev.cascade.platform.outbox.OutboxDocuments;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.platform.outbox.OutboxRelay;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import dev.cascade.report.obligation.Obligation;
import dev.cascade.report.submission.Report;
import dev.cascade.report.submission.ReportStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static dev.cascade.report.TopicRecorder.header;
import static dev.cascade.report.TopicRecorder.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** A report accepted with 201 reaches the broker exactly once, whatever fails between its write and its send. */
class OutboxIT extends ReportServiceTestSupport {

    private Report report(String id) {
        return mongo.findById(id, Report.class, ReportStore.COLLECTION);
    }

    /** The relay sends off the request thread: waits until it has tried, failed and given the lease back. */
    private void awaitAttempted(String reportId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> leasedUntil(ReportStore.COLLECTION, reportId) == null);
    }

    /**
     * At {@link #START}: opens {@code programme} for {@code unit} and stores its report (1, 1, 1) while every send
     * fails with {@code failure}; returns the report's id once the relay has tried.
     */
    private String reportWhoseSendFails(String programme, String unit, String failure) {
        at(START);
        issueAndAwaitOpen(TestData.plan(programme, List.of(unit), TestData.annual(2024)), "2024");
        doThrow(new IllegalStateException(failure)).when(sender).send(any());
        String reportId = submitted(TestData.report(unit, programme, "2024", 1, 1, 1));
        awaitAttempted(reportId);
        return reportId;
    }

    @Test
    void aReportWhoseSendFailedIsPublishedExactlyOnceByTheSweeper() {
        at(START);
        issueAndAwaitOpen(TestData.plan("BROKER-DOWN", List.of("10813"), TestData.annual(2024)), "2024");
        doThrow(new IllegalStateException("broker unreachable")).when(sender).send(any());

        HttpResponse<String> response = post("/reports", TestData.report("10813", "BROKER-DOWN", "2024", 7, 9, 4));

        assertThat(response.statusCode()).as("accepted: the report is stored").isEqualTo(201);
        String reportId = parse(response.body()).get("reportId").asString();
        awaitAttempted(reportId);
        assertThat(pending(ReportStore.COLLECTION, reportId)).extracting(OutboxEvent::type)
                .containsExactly(EventTypes.REPORT_SUBMITTED, EventTypes.OBLIGATION_FULFILLED);
        assertThat(leasedUntil(ReportStore.COLLECTION, reportId)).as("lease given back after the failure").isNull();
        assertThat(recorder().records(about("BROKER-DOWN").and(ofType(EventTypes.REPORT_SUBMITTED)))).isEmpty();
        assertThat(outbox.publishPending()).as("the broker is still away").isZero();

        reset(sender);
        assertThat(outbox.publishPending()).isGreaterThanOrEqualTo(2);
        assertThat(outbox.publishPending()).isZero();

        Predicate<ConsumerRecord<String, String>> submitted = about("BROKER-DOWN")
                .and(ofType(EventTypes.REPORT_SUBMITTED));
        Predicate<ConsumerRecord<String, String>> fulfilled = about("BROKER-DOWN")
                .and(ofType(EventTypes.OBLIGATION_FULFILLED));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder().records(submitted).size() == 1
                && recorder().records(fulfilled).size() == 1);
        ConsumerRecord<String, String> record = recorder().records(submitted).get(0);
        assertThat(record.key()).isEqualTo("294");
        assertThat(header(record, "ce_id")).isEqualTo(OutboxEvents.eventId(EventTypes.REPORT_SUBMITTED, reportId, 1));
        JsonNode payload = parse(record.value());
        assertThat(payload.get("reportId").asString()).isEqualTo(reportId);
        assertThat(payload.at("/values/GDNN_INTAKE_RATE/numerator").asInt()).isEqualTo(7);
        assertThat(payload.at("/values/GDNN_INTAKE_RATE/denominator").asInt()).isEqualTo(9);
        assertThat(payload.at("/values/GDNN_NEW_ENROLMENT/value").asInt()).isEqualTo(4);
        assertThat(parse(recorder().records(fulfilled).get(0).value()).get("status").asString())
                .isEqualTo("FULFILLED_ON_TIME");
        assertThat(pending(ReportStore.COLLECTION, reportId)).isEmpty();

        // a later report, published at once, proves nothing more of this one was on its way
        post("/reports", TestData.report("10813", "BROKER-DOWN", "2024", 8, 9, 4));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder().records(about("BROKER-DOWN")
                .and(ofType(EventTypes.REPORT_REVISED))).size() == 1);
        assertThat(recorder().records(submitted)).hasSize(1);
        assertThat(recorder().records(fulfilled)).hasSize(1);
    }

    @Test
    void aCrashBetweenTheReportWriteAndTheObligationUpdateIsMendedByTheSweeper() {
        String reportId = reportWhoseSendFails("CRASHED", "10816", "process killed");
        // as if the process died right after the report's write: the obligation was never touched
        mongo.updateFirst(query(where("_id").is(Obligation.idOf("CRASHED", "2024", "10816"))),
                new Update().set("status", ObligationStatus.OPEN).set("version", 1).unset("reportId")
                        .unset("fulfilledAt"), Obligation.class, "obligations");
        reset(sender);

        assertThat(outbox.publishPending()).isGreaterThanOrEqualTo(2);

        Obligation mended = obligation("CRASHED", "2024", "10816");
        assertThat(mended.status()).isEqualTo(ObligationStatus.FULFILLED_ON_TIME);
        assertThat(mended.reportId()).isEqualTo(reportId);
        assertThat(mended.version()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder().records(about("CRASHED")
                .and(ofType(EventTypes.OBLIGATION_FULFILLED))).size() == 1);
    }

    @Test
    void aLeasedDocumentIsLeftToItsPublisherUntilTheLeaseRunsOut() {
        String reportId = reportWhoseSendFails("LEASED", "10507", "broker unreachable");
        reset(sender);
        // another publisher holds the document (e.g. another instance, in the middle of sending)
        mongo.updateFirst(query(where("_id").is(reportId)), new Update().set(OutboxRelay.LEASE,
                clock.instant().plusSeconds(30)), Report.class, ReportStore.COLLECTION);

        assertThat(outbox.publish(ReportStore.COLLECTION, reportId)).isZero();
        at("2024-12-04T09:00:31+07:00");
        assertThat(outbox.publish(ReportStore.COLLECTION, reportId)).isEqualTo(2);
        assertThat(pending(ReportStore.COLLECTION, reportId)).isEmpty();
        assertThat(leasedUntil(ReportStore.COLLECTION, reportId)).isNull();
    }

    @Test
    void documentsHandedOverTogetherGoOutTogetherEachEventOnceAndEveryDocumentReleased() {
        // more documents than one relay batch and than the relay threads: they are taken many at a time
        int documents = 300;
        String type = "cascade.test.batched";
        Instant lease = outbox.newLease();
        List<String> ids = new ArrayList<>();
        List<org.bson.Document> written = new ArrayList<>();
        Map<String, List<OutboxEvent>> eventsOf = new LinkedHashMap<>();
        for (int i = 0; i < documents; i++) {
            String id = "batched-" + i;
            // one event for most, two for every third document, in the order they must arrive
            List<OutboxEvent> events = new ArrayList<>();
            for (int e = 0; e < (i % 3 == 0 ? 2 : 1); e++) {
                events.add(new OutboxEvent(id + "-e" + e, type, Topics.REPORTS, "key-" + (i % 7), id, clock.instant(),
                        ("{\"document\":" + i + ",\"event\":" + e + "}").getBytes(StandardCharsets.UTF_8)));
            }
            ids.add(id);
            eventsOf.put(id, events);
            // a report's identifying fields, unique per document as the collection's index requires
            written.add(OutboxDocuments.withPending(new org.bson.Document("_id", id).append("programme", "BATCHED")
                    .append("period", "2024").append("unitCode", id), events, lease));
        }
        mongo.insert(written, ReportStore.COLLECTION);

        ids.forEach(id -> outbox.publishLeasedSoon(ReportStore.COLLECTION, id, lease, eventsOf.get(id)));

        int expected = eventsOf.values().stream().mapToInt(List::size).sum();
        await().atMost(Duration.ofSeconds(60)).until(() -> recorder().records(ofType(type)).size() >= expected);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                .allMatch(id -> leasedUntil(ReportStore.COLLECTION, id) == null));
        List<ConsumerRecord<String, String>> received = recorder().records(ofType(type));
        Map<String, Long> perEvent = received.stream()
                .collect(Collectors.groupingBy(r -> header(r, "ce_id"), Collectors.counting()));
        assertThat(perEvent).as("every event exactly once").hasSize(expected).allSatisfy((id, n) -> assertThat(n)
                .as(id).isEqualTo(1));
        Map<String, List<String>> orderPerDocument = received.stream().collect(Collectors.groupingBy(
                r -> header(r, "ce_subject"), Collectors.mapping(r -> header(r, "ce_id"), Collectors.toList())));
        for (String id : ids) {
            assertThat(orderPerDocument.get(id)).as("the events of %s, in their order", id)
                    .containsExactlyElementsOf(eventsOf.get(id).stream().map(OutboxEvent::eventId).toList());
            assertThat(pending(ReportStore.COLLECTION, id)).as(id).isEmpty();
        }
        assertThat(outbox.publishPending()).as("nothing left for the sweeper").isZero();
        assertThat(outbox.queued()).isZero();
        // not reports the other tests should meet
        mongo.remove(query(where("programme").is("BATCHED")), ReportStore.COLLECTION);
    }
}
