package dev.cascade.notification.obligation;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies obligation events to the tracked obligations. Idempotent: an event whose version is not newer than what is
 * stored is dropped (a fulfilment also applies at equal version, so that it always wins over its opening).
 */
@Service
@RequiredArgsConstructor
public class ObligationTracker {

    private static final Logger log = LoggerFactory.getLogger(ObligationTracker.class);
    private static final int ATTEMPTS = 5;

    private final ObligationStore store;
    private final ReminderPolicies policies;
    private final Clock clock;

    /** Persists the obligation with its reminder schedule as of now (reminders already past are dropped). */
    public void opened(ObligationOpened event) {
        apply(event.obligationId(), existing -> {
            if (existing != null && existing.version() >= event.version()) {
                log.debug("obligation {} version {} is not newer than {}, dropped", event.obligationId(),
                        event.version(), existing.version());
                return null;
            }
            List<Reminder> schedule = policies.forObligation(event.programme(), event.level())
                    .schedule(event.deadline(), event.parentCode() != null, clock.instant());
            log.info("obligation {} of unit {} ({} {}) due {}: {} reminder(s) scheduled", event.obligationId(),
                    event.unitCode(), event.programme(), event.period(), event.deadline(), schedule.size());
            return TrackedObligation.opened(event, schedule, 0);
        });
    }

    /** Marks the obligation fulfilled and cancels every reminder still pending for it. */
    public void fulfilled(ObligationFulfilled event) {
        apply(event.obligationId(), existing -> {
            if (existing == null) {
                return TrackedObligation.fulfilledUnseen(event);
            }
            if (existing.version() > event.version() || existing.fulfilled() && existing.version() == event.version()) {
                log.debug("obligation {} fulfilment version {} already applied or stale", event.obligationId(),
                        event.version());
                return null;
            }
            log.info("obligation {} of unit {} fulfilled by report {}: pending reminders cancelled",
                    event.obligationId(), event.unitCode(), event.reportId());
            return existing.fulfil(event);
        });
    }

    /**
     * Re-plans the open obligations of a programme after its policy changed: reminders already sent, expired or
     * cancelled stay as they are; the pending ones become those of the new policy still to come.
     *
     * @return how many obligations got a different schedule
     */
    public int reschedule(String programme) {
        List<String> open;
        try (var stream = store.openOf(programme)) {
            open = stream.map(TrackedObligation::id).toList();
        }
        int changed = 0;
        for (String id : open) {
            boolean[] did = {false};
            apply(id, existing -> {
                if (existing == null || existing.fulfilled() || existing.deadline() == null) {
                    return null;
                }
                List<Reminder> settled = existing.reminders().stream().filter(r -> !r.pending()).toList();
                List<Reminder> next = new java.util.ArrayList<>(settled);
                policies.forObligation(existing.programme(), existing.level())
                        .schedule(existing.deadline(), existing.parentCode() != null, clock.instant()).stream()
                        .filter(r -> settled.stream().noneMatch(s -> s.kind() == r.kind()))
                        .forEach(next::add);
                next.sort(java.util.Comparator.comparing(Reminder::dueAt));
                if (next.equals(existing.reminders())) {
                    return null;
                }
                did[0] = true;
                return existing.withReminders(next);
            });
            if (did[0]) {
                changed++;
            }
        }
        log.info("policy of {} changed: {} open obligation(s) rescheduled", programme, changed);
        return changed;
    }

    /** Read, decide, write; again if another writer got there in between. {@code change} returns null for no change. */
    private void apply(String id, Function<TrackedObligation, TrackedObligation> change) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<TrackedObligation> existing = store.find(id);
            TrackedObligation next = change.apply(existing.orElse(null));
            if (next == null || store.save(next, existing.map(TrackedObligation::revision).orElse(null))) {
                return;
            }
        }
        throw new OptimisticLockingFailureException("obligation " + id + " kept changing under " + ATTEMPTS + " attempts");
    }
}
