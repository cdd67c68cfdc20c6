package dev.cascade.aggregation.rollup.engine;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.ReportWithdrawn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Parked inputs are read back in pages: a replay from offset 0 parked 30,201 report inputs (64 MB), which read in one
 * reply exceeded the wire protocol's largest message and left the fresh service unable to apply any of them.
 */
class ParkedInputsTest {

    static final Instant PARKED_AT = Instant.parse("2024-12-07T01:00:00Z");

    @RegisterExtension
    static final EmbeddedTemplate STORE = new EmbeddedTemplate("cascade-aggregation-parked-test");
    ParkedInputs parked;

    @BeforeEach
    void emptyStore() {
        parked = new ParkedInputs(STORE.emptied(ParkedInput.class), Clock.fixed(PARKED_AT, ZoneOffset.UTC));
    }

    @Test
    void moreThanOneReplyCanHoldIsReadInPagesEachInputOnceInIdOrder() {
        // 1,700 inputs of 30 KB: 51 MB, over the 48 MB a reply may carry (the embedded test store, like the local
        // stack's before 5 December, answers a query without a batch size in one reply: findAll fails here)
        park(1_700, 30_000);

        List<String> read = readAll(false);

        assertThat(read).hasSize(1_700).doesNotHaveDuplicates().isSorted();
        assertThat(parked.count()).isEqualTo(1_700);
    }

    @Test
    void inputsRemovedWhilePagingDoNotMakeItSkipAny() {
        park(2_345, 100);

        List<String> read = readAll(true);

        assertThat(read).hasSize(2_345).doesNotHaveDuplicates().isSorted();
        assertThat(parked.count()).isZero();
    }

    @Test
    void aPageStopsAtItsLimitAndStartsAfterTheIdGiven() {
        park(5, 100);

        assertThat(parked.page(null, 2)).extracting(ParkedInput::id).containsExactly(id(0), id(1));
        assertThat(parked.page(id(1), 2)).extracting(ParkedInput::id).containsExactly(id(2), id(3));
        assertThat(parked.page(id(3), 2)).extracting(ParkedInput::id).containsExactly(id(4));
        assertThat(parked.page(id(4), 2)).isEmpty();
    }

    @Test
    void inputsParkedTogetherAreStoredOnceEachAndParkingAgainRenewsTime() {
        InboundContribution first = withdrawal("10813", 1);
        InboundContribution second = withdrawal("10816", 1);
        Map<InboundContribution, String> reasons = new LinkedHashMap<>();
        reasons.put(first, "plan not known yet");
        reasons.put(second, "plan not known yet");
        reasons.put(withdrawal("10813", 1), "unit not known yet"); // the same input delivered twice in one batch
        parked.parkAll(reasons);

        assertThat(parked.page(null, 10)).extracting(ParkedInput::id, ParkedInput::reason, ParkedInput::parkedAt)
                .containsExactly(tuple(first.id(), "unit not known yet", PARKED_AT),
                        tuple(second.id(), "plan not known yet", PARKED_AT));

        Instant later = PARKED_AT.plusSeconds(30);
        new ParkedInputs(STORE.mongo(), Clock.fixed(later, ZoneOffset.UTC))
                .parkAll(Map.of(first, "period not known yet"));

        assertThat(parked.page(null, 10)).extracting(ParkedInput::id, ParkedInput::parkedAt)
                .containsExactly(tuple(first.id(), later), tuple(second.id(), PARKED_AT));
    }

    @Test
    void aRemovalLeavesAnInputParkedAgainSinceItWasRead() {
        InboundContribution first = withdrawal("10813", 1);
        InboundContribution second = withdrawal("10816", 1);
        parked.parkAll(Map.of(first, "plan not known yet", second, "plan not known yet"));
        List<ParkedInput> read = parked.page(null, 10);
        // parked again while the two read were being applied: its newer parking stays for the next attempt
        new ParkedInputs(STORE.mongo(), Clock.fixed(PARKED_AT.plusSeconds(5), ZoneOffset.UTC))
                .parkAll(Map.of(second, "unit not known yet"));

        parked.removeAll(read);

        assertThat(parked.page(null, 10)).extracting(ParkedInput::id, ParkedInput::reason)
                .containsExactly(tuple(second.id(), "unit not known yet"));
    }

    private static InboundContribution withdrawal(String unit, int version) {
        ReportWithdrawn event = new ReportWithdrawn("r-" + unit, version, "KH-294-2023-CT21", "TH-GDNN-ANNUAL", "2024",
                unit, "294", "reporter-" + unit, PARKED_AT, "nhầm số liệu");
        return new InboundContribution(EventTypes.REPORT_WITHDRAWN, "cascade.reports.v1", unit,
                ("{\"unitCode\":\"" + unit + "\"}").getBytes(StandardCharsets.UTF_8), event, 0, null);
    }

    private List<String> readAll(boolean removeEach) {
        List<String> read = new ArrayList<>();
        String after = null;
        List<ParkedInput> page;
        do {
            page = parked.page(after, ParkedRetry.PAGE);
            page.forEach(p -> read.add(p.id()));
            if (removeEach) {
                parked.removeAll(page);
            }
            after = page.isEmpty() ? null : page.get(page.size() - 1).id();
        } while (page.size() == ParkedRetry.PAGE);
        return read;
    }

    private void park(int count, int payloadChars) {
        String payload = "x".repeat(payloadChars);
        for (int from = 0; from < count; from += 200) {
            STORE.mongo().insert(IntStream.range(from, Math.min(count, from + 200))
                    .mapToObj(i -> new ParkedInput(id(i), EventTypes.REPORT_SUBMITTED, "cascade.reports.v1", "k" + i,
                            payload, "plan not known yet", PARKED_AT))
                    .toList(), ParkedInput.class);
        }
    }

    private static String id(int i) {
        return String.format("REPORT|TH-GDNN-ANNUAL|2024|%05d|1", i);
    }
}
