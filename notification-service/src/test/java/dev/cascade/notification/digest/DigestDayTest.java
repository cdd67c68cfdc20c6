package dev.cascade.notification.digest;

import dev.cascade.notification.obligation.ReminderPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DigestDayTest {

    final DigestDispatcher digests = new DigestDispatcher(null, null, null, null, null, ReminderPolicy.defaults(), null,
            null, null, null);

    @Test
    void aDigestDayRunsFromEightOClockInHoChiMinhCityToEightOClockTheNextDay() {
        assertThat(digests.digestDay(Instant.parse("2024-12-05T01:00:00Z"))).isEqualTo(LocalDate.of(2024, 12, 5));
        assertThat(digests.digestDay(Instant.parse("2024-12-05T00:59:59Z"))).isEqualTo(LocalDate.of(2024, 12, 4));
        assertThat(digests.digestDay(Instant.parse("2024-12-05T16:59:59Z"))).isEqualTo(LocalDate.of(2024, 12, 5));
        assertThat(digests.digestDay(Instant.parse("2024-12-06T00:30:00Z"))).isEqualTo(LocalDate.of(2024, 12, 5));
    }
}
