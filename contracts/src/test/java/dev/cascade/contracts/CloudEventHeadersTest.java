package dev.cascade.contracts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CloudEventHeadersTest {

    @Test
    void readsTheWireNameTheCanonicalNameAndBytes() {
        assertThat(CloudEventHeaders.attribute(Map.of("ce_type", "cascade.report.submitted"), CloudEventHeaders.TYPE))
                .isEqualTo("cascade.report.submitted");
        assertThat(CloudEventHeaders.attribute(Map.of("ce-type", "cascade.report.revised"), CloudEventHeaders.TYPE))
                .isEqualTo("cascade.report.revised");
        assertThat(CloudEventHeaders.attribute(Map.of("ce_id", "é1".getBytes(StandardCharsets.UTF_8)), CloudEventHeaders.ID))
                .isEqualTo("é1");
        assertThat(CloudEventHeaders.attribute(Map.of(), CloudEventHeaders.TYPE)).isNull();
    }

    @Test
    void newEventCarriesEveryRequiredAttribute() {
        Map<String, String> headers = CloudEventHeaders.newEvent("cascade.unit.upserted", "/cascade/plan-service", "30",
                Instant.parse("2024-12-07T02:00:00Z"));
        assertThat(headers).containsEntry("ce_specversion", "1.0").containsEntry("ce_type", "cascade.unit.upserted")
                .containsEntry("ce_source", "/cascade/plan-service").containsEntry("ce_subject", "30")
                .containsEntry("ce_time", "2024-12-07T02:00:00Z").containsKey("ce_id");
    }
}
