package dev.cascade.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CascadeTimeTest {

    private static final Duration TOLERANCE = Duration.ofSeconds(5);

    @Test
    void zoneIsVietnam() {
        assertThat(CascadeTime.ZONE).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"system", "SYSTEM", "  "})
    void systemSettingIsRealTimeInVietnam(String setting) {
        Clock clock = CascadeTime.clock(setting);

        assertThat(clock.getZone()).isEqualTo(CascadeTime.ZONE);
        assertThat(Duration.between(Clock.systemUTC().instant(), clock.instant()).abs()).isLessThan(TOLERANCE);
    }

    @Test
    void offsetDateTimeSettingStartsTheClockAtThatInstant() {
        Clock clock = CascadeTime.clock("2024-12-07T08:00:00+07:00");

        assertThat(Duration.between(Instant.parse("2024-12-07T01:00:00Z"), clock.instant()))
                .isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(TOLERANCE);
        assertThat(clock.getZone()).isEqualTo(CascadeTime.ZONE);
    }

    @Test
    void anchoredClockGoesOnFromTheAnchorSoARestartedProcessKeepsTheStacksTime() {
        // the stack started 90 minutes ago at 08:00 demo time: a process started now must read 09:30, not 08:00
        String anchor = Instant.now().minus(Duration.ofMinutes(90)).toString();

        Clock restarted = CascadeTime.clock("2024-12-07T08:00:00+07:00", anchor);

        assertThat(Duration.between(Instant.parse("2024-12-07T02:30:00Z"), restarted.instant()))
                .isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(TOLERANCE);
        assertThat(Duration.between(Instant.now(), CascadeTime.clock("system", anchor).instant()).abs())
                .isLessThan(TOLERANCE);
    }

    @Test
    void unparseableSettingFailsFast() {
        assertThatThrownBy(() -> CascadeTime.clock("07/12/2024 08:00")).isInstanceOf(DateTimeParseException.class);
    }
}
