package dev.cascade.report.obligation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ObligationFiguresTest {

    @Test
    void aScrapeWithinTheRefreshIntervalIsAnsweredWithTheLastCountWithoutCountingAgain() {
        AtomicLong counts = new AtomicLong();
        AtomicLong open = new AtomicLong(7);
        AtomicLong now = new AtomicLong(1_000);
        ObligationFigures.Counted counted = new ObligationFigures.Counted(() -> {
            counts.incrementAndGet();
            return open.get();
        }, Duration.ofSeconds(30).toNanos(), now::get);

        assertThat(counted.value()).isEqualTo(7.0);
        open.set(9);
        assertThat(counted.value()).isEqualTo(7.0);
        assertThat(counts).hasValue(1);

        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(counted.value()).isEqualTo(7.0);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(counted.value()).isEqualTo(9.0);
        assertThat(counts).hasValue(2);
    }

    @Test
    void aZeroIntervalCountsOnEveryScrape() {
        AtomicLong counts = new AtomicLong();
        ObligationFigures.Counted counted = new ObligationFigures.Counted(counts::incrementAndGet, 0, () -> 5);

        assertThat(counted.value()).isEqualTo(1.0);
        assertThat(counted.value()).isEqualTo(2.0);
    }
}
