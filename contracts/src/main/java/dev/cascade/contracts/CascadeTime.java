package dev.cascade.contracts;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Time conventions shared by every service. */
public final class CascadeTime {

    /** Deadlines, cut-offs and reminders are all reckoned in Vietnam's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private CascadeTime() {
    }

    /**
     * The clock a service runs on. {@code system} (or blank) is real time; an ISO offset date-time such as
     * {@code 2024-12-07T08:00:00+07:00} starts a clock at that instant which then ticks in real time, so that a
     * demo or a rehearsal can run "as if" it were that day.
     */
    public static Clock clock(String setting) {
        Clock system = Clock.system(ZONE);
        if (setting == null || setting.isBlank() || setting.equalsIgnoreCase("system")) {
            return system;
        }
        OffsetDateTime start = OffsetDateTime.parse(setting.trim());
        return Clock.offset(system, Duration.between(system.instant(), start.toInstant()));
    }
}
