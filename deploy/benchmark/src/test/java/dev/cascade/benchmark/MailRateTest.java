package dev.cascade.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MailRateTest {

    @Test
    void theSendingTimeLeavesOutThePausesBetweenTheDispatchersRuns() {
        // one run of 4 receipts from 0 to 1.8 s, a 10 s pause, a second run of 3 from 11.8 to 12.3 s
        List<Long> receipts = List.of(0L, 100L, 900L, 1800L, 11_800L, 12_100L, 12_300L);

        MailRate.Sending sending = MailRate.sending(receipts);

        assertThat(sending.seconds()).isCloseTo(1.8 + 0.5, within(1e-9));
        // the first mail of each run starts its clock: 3 + 2 mails sent in 2.3 s
        assertThat(sending.intervals()).isEqualTo(5);
        assertThat(sending.rate()).isCloseTo(5 / 2.3, within(1e-9));
    }

    @Test
    void receiptsUpToASecondApartAreOneRun() {
        MailRate.Sending sending = MailRate.sending(List.of(0L, 1000L, 2000L, 3000L));

        assertThat(sending.seconds()).isCloseTo(3.0, within(1e-9));
        assertThat(sending.rate()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void receiptsAllInOneMillisecondGiveNoRateRatherThanAnInfiniteOne() {
        MailRate.Sending sending = MailRate.sending(List.of(500L, 500L, 500L));

        assertThat(sending.seconds()).isZero();
        assertThat(sending.rate()).isNaN();
    }
}
