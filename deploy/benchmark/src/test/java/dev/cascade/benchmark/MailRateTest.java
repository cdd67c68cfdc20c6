package dev.cascade.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MailRateTest {

    private static long ms(long millis) {
        return millis * 1_000_000L;
    }

    @Test
    void theSendingTimeLeavesOutThePausesBetweenTheDispatchersRuns() {
        // one run from 0 to 1.8 s, a 10 s pause, a second run from 11.8 to 12.3 s
        List<Long> arrivals = List.of(ms(0), ms(100), ms(900), ms(1800), ms(11_800), ms(12_100), ms(12_300));

        assertThat(MailRate.sendingSeconds(arrivals)).isCloseTo(1.8 + 0.1 + 0.5 + 0.1, within(1e-9));
    }

    @Test
    void arrivalsUpToASecondApartAreOneRun() {
        List<Long> arrivals = List.of(ms(0), ms(1000), ms(2000), ms(3000));

        assertThat(MailRate.sendingSeconds(arrivals)).isCloseTo(3.1, within(1e-9));
    }

    @Test
    void allInOnePollIsOnePollingInterval() {
        assertThat(MailRate.sendingSeconds(List.of(ms(500), ms(500), ms(500)))).isCloseTo(0.1, within(1e-9));
    }
}
