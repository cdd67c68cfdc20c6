package dev.cascade.benchmark;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StoreCommandTimerTest {

    private static final String LABELS = "application=\"report-service\",cluster_id=\"6b17\",collection=\"%s\","
            + "command=\"%s\",database=\"cascade-report\",server_address=\"localhost:27017\",status=\"%s\"";

    private static String series(String collection, String command, String status, long count, double sum) {
        String labels = LABELS.formatted(collection, command, status);
        return "mongodb_driver_commands_seconds_count{" + labels + "} " + count + "\n"
                + "mongodb_driver_commands_seconds_sum{" + labels + "} " + sum + "\n";
    }

    @Test
    void addsUpEachCollectionsCommandOverItsStatusesAndLeavesOtherFamiliesOut() {
        String scrape = "# HELP mongodb_driver_commands_seconds Timer of mongodb commands\n"
                + "# TYPE mongodb_driver_commands_seconds summary\n"
                + series("reports", "insert", "SUCCESS", 100, 0.5)
                + series("reports", "insert", "FAILED", 2, 0.25)
                + series("audit", "insert", "SUCCESS", 40, 0.125)
                + "mongodb_driver_commands_seconds_max{" + LABELS.formatted("audit", "insert", "SUCCESS") + "} 0.9\n"
                + "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1.0E7\n";

        Map<StoreCommandTimer.Key, StoreCommandTimer.Totals> totals = StoreCommandTimer.parse(scrape);

        assertThat(totals).containsOnly(
                Map.entry(new StoreCommandTimer.Key("reports", "insert"), new StoreCommandTimer.Totals(102, 0.75)),
                Map.entry(new StoreCommandTimer.Key("audit", "insert"), new StoreCommandTimer.Totals(40, 0.125)));
        assertThat(StoreCommandTimer.parse("")).isEmpty();
        assertThat(StoreCommandTimer.parse(null)).isNull();
    }

    @Test
    void theWindowHasWhatCompletedBetweenTheTwoScrapesMostFirst() {
        Map<StoreCommandTimer.Key, StoreCommandTimer.Totals> start = StoreCommandTimer.parse(
                series("reports", "insert", "SUCCESS", 100, 0.5) + series("audit", "insert", "SUCCESS", 40, 0.125)
                        + series("plans", "find", "SUCCESS", 7, 0.5));
        Map<StoreCommandTimer.Key, StoreCommandTimer.Totals> end = StoreCommandTimer.parse(
                series("reports", "insert", "SUCCESS", 1100, 10.5) + series("audit", "insert", "SUCCESS", 1040, 3.125)
                        + series("plans", "find", "SUCCESS", 7, 0.5) + series("obligations", "update", "SUCCESS", 1000, 4));

        RunResult.StoreCommands window = StoreCommandTimer.between(start, end);

        // plans.find did not run in the window: left out; reports.insert and audit.insert tie on count, by name
        assertThat(window.byCommand()).containsExactly(
                new RunResult.StoreCommand("audit", "insert", 1000, 3.0),
                new RunResult.StoreCommand("obligations", "update", 1000, 4.0),
                new RunResult.StoreCommand("reports", "insert", 1000, 10.0));
        assertThat(window.count()).isEqualTo(3000);
        assertThat(window.seconds()).isEqualTo(17.0);
        assertThat(StoreCommandTimer.between(null, end)).isNull();
        assertThat(StoreCommandTimer.between(start, null)).isNull();
    }
}
