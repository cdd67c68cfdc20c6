package dev.cascade.report.throughput;

import dev.cascade.benchmark.SubmissionThroughput;

import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import dev.cascade.report.obligation.Obligation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Not part of the suite (the name matches no surefire pattern): the throughput figure of report-service on its own,
 * for when the local stack is busy. The service with its real HTTP, MongoDB-wire (in-memory) and Kafka (embedded
 * KRaft broker, sync sends) paths; 160 synthetic communes of districts 294 and 288 owe a report; then
 * {@link SubmissionThroughput#measure}. Run:
 * <pre>
 * ./mvnw -B -q -pl deploy/measurements -am test -Dtest=SubmissionThroughputMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Figures in {@code deploy/measurements/target/throughput-standalone.txt}.
 */
class SubmissionThroughputMeasurement extends ReportServiceTestSupport {

    @Test
    void measureAcceptedSubmissionsPerSecond() throws Exception {
        at(START);
        unitsKnown();
        List<String> communes = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            String code = String.valueOf(70000 + i);
            communes.add(code);
            publishUnit(TestData.commune(code, "Xã " + code, i % 2 == 0 ? "294" : "288"));
        }
        issue(TestData.plan("BENCH", communes, TestData.annual(2024)));
        await().atMost(Duration.ofSeconds(120)).until(() -> communes.stream()
                .allMatch(u -> obligations.find(Obligation.idOf("BENCH", "2024", u)).isPresent()));

        double[] medians = SubmissionThroughput.measure("http://localhost:" + port, "BENCH", communes, 150,
                Path.of("target/throughput-standalone.txt"),
                "report-service alone in one JVM (embedded KRaft broker, in-memory mongo-java-server), "
                        + "authentication on (a reporter's bearer token per commune)",
                unit -> dev.cascade.platform.test.TestIssuer.shared().bearer("reporter-" + unit, unit,
                        dev.cascade.platform.security.Role.REPORTER));

        assertThat(medians[0]).isPositive();
        assertThat(medians[1]).isPositive();
    }
}
