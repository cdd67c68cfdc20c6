package dev.cascade.contracts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void topicNamesAreThoseOfThePropertiesFile() throws IOException {
        Properties file = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(Topics.PROPERTIES)) {
            file.load(in);
        }

        assertThat(Topics.UNITS).isEqualTo(file.getProperty("cascade.topics.units")).isEqualTo("cascade.units.v1");
        assertThat(Topics.PLANS).isEqualTo(file.getProperty("cascade.topics.plans"));
        assertThat(Topics.OBLIGATIONS).isEqualTo(file.getProperty("cascade.topics.obligations"));
        assertThat(Topics.REPORTS).isEqualTo(file.getProperty("cascade.topics.reports")).isEqualTo("cascade.reports.v1");
        assertThat(Topics.ROLLUP).isEqualTo(file.getProperty("cascade.topics.rollup"));
        assertThat(Topics.AGGREGATES).isEqualTo(file.getProperty("cascade.topics.aggregates"));
        assertThat(Topics.NOTIFICATIONS).isEqualTo(file.getProperty("cascade.topics.notifications"));
        assertThat(Topics.ALL).containsExactlyInAnyOrderElementsOf(
                file.stringPropertyNames().stream().map(file::getProperty).toList());
    }

    @Test
    void compactedTopicsAreUnitsAndAggregates() {
        assertThat(Topics.COMPACTED).containsExactlyInAnyOrder(Topics.UNITS, Topics.AGGREGATES);
    }

    @Test
    void deadLetterTopicAppendsDlq() {
        assertThat(Topics.deadLetter(Topics.REPORTS)).isEqualTo("cascade.reports.v1.dlq");
    }

    @Test
    void reportsAndTheirRevisionsTravelOnTheReportsTopic() {
        assertThat(EventTypes.TOPIC_OF.get(EventTypes.REPORT_SUBMITTED)).isEqualTo(Topics.REPORTS);
        assertThat(EventTypes.TOPIC_OF.get(EventTypes.REPORT_REVISED)).isEqualTo(Topics.REPORTS);
        assertThat(EventTypes.TOPIC_OF.get(EventTypes.AGGREGATE_UPDATED)).isEqualTo(Topics.AGGREGATES);
    }
}
