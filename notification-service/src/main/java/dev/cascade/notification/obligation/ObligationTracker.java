package dev.cascade.notification.obligation;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.events.ObligationClosed;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationReopened;
import dev.cascade.contracts.events.ObligationRescheduled;
import dev.cascade.contracts.events.ObligationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies obligation events to the tracked obligations. Idempotent and order-safe: an event whose version is not
 * newer than what is stored is dropped (a fulfilment also applies at equal version, so that it always wins over its
 * opening), so a redelivered or stale event changes nothing; an event about an obligation not seen yet is stored as
 * far as it tells, so that its older events arriving later are dropped too.
 *
 * <p>Owed again ({@link #reopened}) or under a moved deadline ({@link #rescheduled}), an obligation's reminders are
 * planned again by one rule ({@link #replan}): a reminder already sent (or whose window closed) <em>for the same
 * deadline</em> stays as it is and is not sent again; every other kind of the policy is scheduled from the
 * deadline as for an obligation opened now (the last one past still goes out if it is less than a day old).
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

    /** No longer owed (plan amended without the unit, or revoked): every pending reminder cancelled. */
    public void closed(ObligationClosed event) {
        apply(event.obligationId(), existing -> {
            if (existing == null) {
                log.info("obligation {} of unit {} closed ({}) before its opening was seen", event.obligationId(),
                        event.unitCode(), event.reason());
                return TrackedObligation.closedUnseen(event);
            }
            if (existing.version() >= event.version()) {
                log.debug("obligation {} closure version {} already applied or stale (stored {})",
                        event.obligationId(), event.version(), existing.version());
                return null;
            }
            log.info("obligation {} of unit {} ({} {}) closed ({}): pending reminders cancelled", event.obligationId(),
                    event.unitCode(), event.programme(), event.period(), event.reason());
            return existing.close(event);
        });
    }

    /** Owed again (its report was withdrawn): reminders resume for its deadline, see {@link #replan}. */
    public void reopened(ObligationReopened event) {
        owed(event.obligationId(), event.programme(), event.period(), event.unitCode(), event.parentCode(),
                event.deadline(), event.dueAt(), event.status(), event.version(), "reopened");
    }

    /** Its deadline moved: reminders follow the new deadline, see {@link #replan}. */
    public void rescheduled(ObligationRescheduled event) {
        owed(event.obligationId(), event.programme(), event.period(), event.unitCode(), event.parentCode(),
                event.deadline(), event.dueAt(), event.status(), event.version(), "rescheduled from "
                        + event.previousDeadline());
    }

    private void owed(String id, String programme, String period, String unitCode, String parentCode,
                      LocalDate deadline, Instant dueAt, ObligationStatus status, long version, String what) {
        Instant now = clock.instant();
        apply(id, existing -> {
            if (existing == null) {
                ReminderPolicy policy = policies.forObligation(programme, null);
                List<Reminder> schedule = policy.schedule(deadline, parentCode != null, now);
                log.info("obligation {} of unit {} ({} {}) {} before its opening was seen, due {}: {} reminder(s)",
                        id, unitCode, programme, period, what, deadline, schedule.size());
                return TrackedObligation.owedUnseen(id, programme, period, unitCode, parentCode, deadline, dueAt,
                        status, version, schedule);
            }
            if (existing.version() >= version) {
                log.debug("obligation {} version {} ({}) already applied or stale (stored {})", id, version, what,
                        existing.version());
                return null;
            }
            String parent = parentCode == null ? existing.parentCode() : parentCode;
            List<Reminder> schedule = replan(existing.reminders(),
                    policies.forObligation(existing.programme(), existing.level()), deadline, parent != null, now);
            log.info("obligation {} of unit {} ({} {}) {}, due {}: {} reminder(s) to come", id, unitCode, programme,
                    period, what, deadline, schedule.stream().filter(Reminder::pending).count());
            return existing.owedAgain(deadline, dueAt, status, parentCode, version, schedule);
        });
    }

    /**
     * The reminders of an obligation owed under {@code deadline} as of {@code now}: those of {@code reminders} sent or
     * expired for this same deadline (a reminder of kind K for deadline D is due at {@code policy.dueAt(K, D)}) are
     * kept and not sent again; every other kind of the policy is scheduled as for an obligation opened now. Reminders
     * for another deadline and those cancelled are dropped (the delivery log keeps what was sent).
     */
    static List<Reminder> replan(List<Reminder> reminders, ReminderPolicy policy, LocalDate deadline,
                                 boolean hasParent, Instant now) {
        List<Reminder> kept = reminders.stream()
                .filter(r -> r.state() == ReminderState.SENT || r.state() == ReminderState.EXPIRED)
                .filter(r -> r.dueAt().equals(policy.dueAt(r.kind(), deadline)))
                .toList();
        Set<ReminderKind> settled = kept.stream().map(Reminder::kind).collect(Collectors.toSet());
        List<Reminder> next = new ArrayList<>(kept);
        policy.schedule(deadline, hasParent, now).stream().filter(r -> !settled.contains(r.kind()))
                .forEach(next::add);
        next.sort(Comparator.comparing(Reminder::dueAt));
        return List.copyOf(next);
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
                if (existing == null || !existing.owed() || existing.deadline() == null) {
                    return null;
                }
                List<Reminder> settled = existing.reminders().stream().filter(r -> !r.pending()).toList();
                List<Reminder> next = new ArrayList<>(settled);
                policies.forObligation(existing.programme(), existing.level())
                        .schedule(existing.deadline(), existing.parentCode() != null, clock.instant()).stream()
                        .filter(r -> settled.stream().noneMatch(s -> s.kind() == r.kind()))
                        .forEach(next::add);
                next.sort(Comparator.comparing(Reminder::dueAt));
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
