package dev.cascade.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BurstRunTest {

    private static final List<Commune> COMMUNES = List.of(new Commune("10813", "294", "30"),
            new Commune("10825", "294", "30"), new Commune("10837", "294", "30"), new Commune("10849", "294", "30"),
            new Commune("10850", "294", "30"));

    @Test
    void aRequestWithoutAnAnswerCountsWhenItsObligationIsNoLongerOpen() {
        int[] status = {201, -1, -1, 503, -1};

        Set<Integer> stored = BurstRun.storedWithoutAnswer(status, COMMUNES, Set.of("10837"));

        // 10825 and 10850 timed out at the client but their obligations are fulfilled: stored; 10837 timed out and
        // is still owed: not stored; 10849 was answered 503 (stored nothing, whatever its obligation says)
        assertThat(stored).containsExactly(1, 4);
    }

    @Test
    void everyAnswerReceivedLeavesNothingToAsk() {
        assertThat(BurstRun.storedWithoutAnswer(new int[] {201, 201, 422, 201, 201}, COMMUNES, Set.of())).isEmpty();
    }
}
