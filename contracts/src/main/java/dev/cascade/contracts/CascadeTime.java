package dev.cascade.contracts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
     * demo or a rehearsal can run "as if" it were that day. The clock stands at that instant now: see
     * {@link #clock(String, String)} for several processes that must share one clock.
     */
    public static Clock clock(String setting) {
        return clock(setting, null);
    }

    /**
     * {@link #clock(String)} anchored: {@code anchor} (an ISO instant, {@code cascade.clock-anchor}) is the real time
     * at which the clock stood at {@code setting}; blank or {@code null} means now. Every process of a stack given the
     * same anchor runs the same clock, and a process restarted while the stack runs goes on at the stack's time
     * instead of starting the day over; its leases, claims and deadlines then agree with those of the others.
     * Ignored for {@code system}.
     */
    public static Clock clock(String setting, String anchor) {
        Clock system = Clock.system(ZONE);
        if (setting == null || setting.isBlank() || setting.equalsIgnoreCase("system")) {
            return system;
        }
        OffsetDateTime start = OffsetDateTime.parse(setting.trim());
        Instant standing = anchor == null || anchor.isBlank() ? system.instant() : Instant.parse(anchor.trim());
        return Clock.offset(system, Duration.between(standing, start.toInstant()));
    }
}
