package dev.cascade.aggregation;

import dev.cascade.contracts.MutableClock;
import dev.cascade.platform.test.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The set-up the flow tests share ({@link AggregationFlowIT}, {@link RestatementFlowIT}, {@link PlanSuccessionFlowIT}):
 * retries at most 500 ms apart, the outbox's first sweep an hour away, and a clock of their own that starts on the
 * morning the reports arrive, 4 December 2024 at 09:15:01 (UTC+7), and that each test moves. Each test still names its
 * database.
 */
@TestPropertySource(properties = {
        "cascade.aggregation.retry.max-interval-ms=500",
        "cascade.aggregation.outbox.sweep-initial-delay=PT1H"})
abstract class FlowTestSupport extends AggregationServiceTestSupport {

    /** The clock of this test's context (see {@link #reportingMorning()}). */
    @Autowired
    MutableClock clock;

    /** A new clock for each test's context, at 09:15:01 (UTC+7) on 4 December 2024. */
    @TestClock
    static MutableClock reportingMorning() {
        return MutableClock.at("2024-12-04T09:15:01+07:00");
    }
}
