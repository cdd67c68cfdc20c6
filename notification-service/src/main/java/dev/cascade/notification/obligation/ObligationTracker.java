package dev.cascade.notification.obligation;

import dev.cascade.platform.kafka.Failures;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
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
 *
 * <p>The consumer hands over a poll's events at a time ({@link #applyAll}); one event at a time, and the seam both
 * share, is {@link #changeOf}.
 */
@Service
@RequiredArgsConstructor
public class ObligationTracker {

    private static final Logger log = LoggerFactory.getLogger(ObligationTracker.class);
    private static final int ATTEMPTS = 5;

    private final ObligationStore store;
    private final ReminderPolicies policies;
    private final Clock clock;
    /** Per season, how many writes of this instance could have made a digest due ({@link #digestChanges}). */
    private final Map<ObligationStore.Season, AtomicLong> digestChanges = new ConcurrentHashMap<>();

    /** One consumed obligation event and its position in its batch. */
    public record Input(int index, Object event) {
    }

    /** An input of a batch that failed for a reason other than the store: the inputs before it are applied. */
    public static final class InputFailedException extends RuntimeException {
        private final int index;

        InputFailedException(Input input, RuntimeException cause) {
            super("obligation event at " + input.index() + " of the batch failed: " + cause.getMessage(), cause);
            this.index = input.index();
        }

        /** The failing input's position in its batch. */
        public int index() {
            return index;
        }
    }

    /**
     * The change an obligation event makes: what it does to the obligation as stored ({@code null} when not stored),
     * returning {@code null} for no change.
     */
    public record Change(String obligationId, UnaryOperator<TrackedObligation> decide) {
    }

    /** Persists the obligation with its reminder schedule as of now (reminders already past are dropped). */
    public void opened(ObligationOpened event) {
        apply(changeOf(event));
    }

    /** Marks the obligation fulfilled and cancels every reminder still pending for it. */
    public void fulfilled(ObligationFulfilled event) {
        apply(changeOf(event));
    }

    /** No longer owed (plan amended without the unit, or revoked): every pending reminder cancelled. */
    public void closed(ObligationClosed event) {
        apply(changeOf(event));
    }

    /** Owed again (its report was withdrawn): reminders resume for its deadline, see {@link #replan}. */
    public void reopened(ObligationReopened event) {
        apply(changeOf(event));
    }

    /** Its deadline moved: reminders follow the new deadline, see {@link #replan}. */
    public void rescheduled(ObligationRescheduled event) {
        apply(changeOf(event));
    }

    /**
     * Applies a batch of obligation events in their order, as one at a time would, with one read of the obligations
     * they name and one bulk write of those they change. An obligation someone else changed or inserted between the
     * two gets its events of the batch again one at a time (they are idempotent by version). When the read or the bulk
     * write fails for a reason other than the store, the events are applied one at a time, so that the one that fails
     * is named.
     *
     * @throws InputFailedException when an event fails for a reason other than the store; those before it are applied
     */
    public void applyAll(List<Input> inputs) {
        if (inputs.isEmpty()) {
            return;
        }
        Map<String, TrackedObligation> stored;
        try {
            stored = store.findAll(inputs.stream().map(i -> obligationIdOf(i.event()))
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
        } catch (RuntimeException failed) {
            if (Failures.isInfrastructure(failed)) {
                throw failed;
            }
            log.warn("the obligations of a batch could not be read together, applying its events one at a time: {}",
                    failed.toString());
            applyOneAtATime(inputs);
            return;
        }
        Map<String, TrackedObligation> changed = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            try {
                Change change = changeOf(input.event());
                String id = change.obligationId();
                TrackedObligation next = change.decide().apply(changed.containsKey(id) ? changed.get(id)
                        : stored.get(id));
                if (next != null) {
                    changed.put(id, next);
                }
            } catch (RuntimeException failed) {
                if (Failures.isInfrastructure(failed)) {
                    throw failed;
                }
                write(stored, changed, inputs.subList(0, i));
                throw new InputFailedException(input, failed);
            }
        }
        write(stored, changed, inputs);
    }

    private void write(Map<String, TrackedObligation> stored, Map<String, TrackedObligation> changed,
                       List<Input> applied) {
        Set<String> again;
        try {
            Map<String, Long> revisions = new HashMap<>();
            stored.forEach((id, obligation) -> revisions.put(id, obligation.revision()));
            again = store.saveAll(revisions, changed.values());
        } catch (RuntimeException failed) {
            if (Failures.isInfrastructure(failed)) {
                throw failed;
            }
            log.warn("{} obligation(s) could not be written together, applying their events one at a time: {}",
                    changed.size(), failed.toString());
            applyOneAtATime(applied);
            return;
        }
        LocalDate day = policies.defaults().dayAt(clock.instant());
        changed.forEach((id, next) -> {
            if (!again.contains(id)) {
                countForDigest(stored.get(id), next, day);
            }
        });
        long opened = changed.keySet().stream().filter(id -> stored.get(id) == null && !again.contains(id)).count();
        if (opened > 0) {
            log.info("{} new obligation(s) stored with their reminder schedules ({} event(s) applied)", opened,
                    applied.size());
        }
        if (!again.isEmpty()) {
            log.debug("obligation(s) {} changed meanwhile; their events applied again one at a time", again);
            applyOneAtATime(applied.stream().filter(i -> again.contains(obligationIdOf(i.event()))).toList());
        }
    }

    private void applyOneAtATime(List<Input> inputs) {
        for (Input input : inputs) {
            try {
                apply(changeOf(input.event()));
            } catch (RuntimeException failed) {
                if (Failures.isInfrastructure(failed)) {
                    throw failed;
                }
                throw new InputFailedException(input, failed);
            }
        }
    }

    /**
     * The change one obligation event makes (the seam the one-at-a-time methods and {@link #applyAll} share).
     *
     * @throws IllegalArgumentException for anything but the obligation events this service reads
     */
    public Change changeOf(Object event) {
        if (event instanceof ObligationOpened opened) {
            return new Change(opened.obligationId(), existing -> opening(opened, existing));
        } else if (event instanceof ObligationFulfilled fulfilled) {
            return new Change(fulfilled.obligationId(), existing -> fulfilment(fulfilled, existing));
        } else if (event instanceof ObligationClosed closed) {
            return new Change(closed.obligationId(), existing -> closure(closed, existing));
        } else if (event instanceof ObligationReopened e) {
            return owed(e.obligationId(), e.programme(), e.period(), e.unitCode(), e.parentCode(), e.deadline(),
                    e.dueAt(), e.status(), e.version(), "reopened");
        } else if (event instanceof ObligationRescheduled e) {
            return owed(e.obligationId(), e.programme(), e.period(), e.unitCode(), e.parentCode(), e.deadline(),
                    e.dueAt(), e.status(), e.version(), "rescheduled from " + e.previousDeadline());
        }
        throw new IllegalArgumentException("not an obligation event: " + event);
    }

    private static String obligationIdOf(Object event) {
        if (event instanceof ObligationOpened e) {
            return e.obligationId();
        } else if (event instanceof ObligationFulfilled e) {
            return e.obligationId();
        } else if (event instanceof ObligationClosed e) {
            return e.obligationId();
        } else if (event instanceof ObligationReopened e) {
            return e.obligationId();
        } else if (event instanceof ObligationRescheduled e) {
            return e.obligationId();
        }
        throw new IllegalArgumentException("not an obligation event: " + event);
    }

    private TrackedObligation opening(ObligationOpened event, TrackedObligation existing) {
        if (existing != null && existing.version() >= event.version()) {
            log.debug("obligation {} version {} is not newer than {}, dropped", event.obligationId(),
                    event.version(), existing.version());
            return null;
        }
        List<Reminder> schedule = policies.forObligation(event.programme(), event.level())
                .schedule(event.deadline(), event.parentCode() != null, clock.instant());
        // DEBUG: a plan opens one per unit (over 10,000 for a national plan); a batch's write says how many at INFO
        log.debug("obligation {} of unit {} ({} {}) due {}: {} reminder(s) scheduled", event.obligationId(),
                event.unitCode(), event.programme(), event.period(), event.deadline(), schedule.size());
        return TrackedObligation.opened(event, schedule, 0);
    }

    private TrackedObligation fulfilment(ObligationFulfilled event, TrackedObligation existing) {
        if (existing == null) {
            return TrackedObligation.fulfilledUnseen(event);
        }
        if (existing.version() > event.version() || existing.fulfilled() && existing.version() == event.version()) {
            log.debug("obligation {} fulfilment version {} already applied or stale", event.obligationId(),
                    event.version());
            return null;
        }
        // one per report: a national burst's ten thousand lines said nothing the delivery log and events do not
        log.debug("obligation {} of unit {} fulfilled by report {}: pending reminders cancelled",
                event.obligationId(), event.unitCode(), event.reportId());
        return existing.fulfil(event);
    }

    private TrackedObligation closure(ObligationClosed event, TrackedObligation existing) {
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
    }

    private Change owed(String id, String programme, String period, String unitCode, String parentCode,
                        LocalDate deadline, Instant dueAt, ObligationStatus status, long version, String what) {
        Instant now = clock.instant();
        return new Change(id, existing -> {
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

    private void apply(Change change) {
        apply(change.obligationId(), change.decide());
    }

    /** Read, decide, write; again if another writer got there in between. {@code change} returns null for no change. */
    private void apply(String id, Function<TrackedObligation, TrackedObligation> change) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<TrackedObligation> existing = store.find(id);
            TrackedObligation next = change.apply(existing.orElse(null));
            if (next == null) {
                return;
            }
            if (store.save(next, existing.map(TrackedObligation::revision).orElse(null))) {
                countForDigest(existing.orElse(null), next, policies.defaults().dayAt(clock.instant()));
                return;
            }
        }
        throw new OptimisticLockingFailureException("obligation " + id + " kept changing under " + ATTEMPTS + " attempts");
    }

    /**
     * How many writes this instance made, since it started, to obligations of the season that could have made a
     * digest due on their day: a digest run that saw the same count (and nothing else changed) finds nothing new to
     * send for the season. Counted after the write, so that a run reading the count before it reads the season
     * either sees the write or finds the count moved on the next run.
     */
    public long digestChanges(String programme, String period) {
        AtomicLong count = digestChanges.get(new ObligationStore.Season(programme, period));
        return count == null ? 0 : count.get();
    }

    private void countForDigest(TrackedObligation before, TrackedObligation after, LocalDate day) {
        if (mayAddDigest(before, after, day)) {
            digestChanges.computeIfAbsent(new ObligationStore.Season(after.programme(), after.period()),
                    season -> new AtomicLong()).incrementAndGet();
        }
    }

    /**
     * Whether replacing {@code before} ({@code null}: none) by {@code after} can make a province's digest due on
     * {@code day} that was not. A digest lists a province's missing obligations (owed, with a deadline) and goes out
     * when the earliest of their deadlines is within the week after {@code day}; so an obligation that becomes
     * missing, or stays missing under another deadline, unit or plan, can add one; one that stops being missing can
     * only when its deadline had passed by {@code day} (it held the province's earliest deadline out of the window).
     * A fulfilment before the deadline, the burst of a reporting season, cannot; nor can a change of reminders only.
     */
    public static boolean mayAddDigest(TrackedObligation before, TrackedObligation after, LocalDate day) {
        boolean missingBefore = before != null && before.owed() && before.deadline() != null;
        boolean missingAfter = after.owed() && after.deadline() != null;
        if (missingAfter) {
            return !missingBefore || !after.deadline().equals(before.deadline())
                    || !Objects.equals(after.unitCode(), before.unitCode())
                    || !Objects.equals(after.planId(), before.planId())
                    || !Objects.equals(after.programme(), before.programme())
                    || !Objects.equals(after.period(), before.period());
        }
        return missingBefore && !before.deadline().isAfter(day);
    }
}
