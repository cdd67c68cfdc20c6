package dev.cascade.notification.delivery;

import dev.cascade.notification.contact.ContactBook;
import dev.cascade.notification.contact.Recipient;
import dev.cascade.notification.obligation.ObligationStore;
import dev.cascade.notification.obligation.Reminder;
import dev.cascade.notification.obligation.ReminderKind;
import dev.cascade.notification.obligation.ReminderPolicy;
import dev.cascade.notification.obligation.TrackedObligation;
import dev.cascade.notification.programme.ProgrammeCatalog;
import dev.cascade.notification.unit.UnitDirectory;
import dev.cascade.platform.concurrent.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.cascade.notification.NotificationSettings;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Sends the reminders that have fallen due. {@link #dispatchDue()} is public so that tests and the system test can
 * trigger it; it also runs every {@code cascade.notifications.dispatch-interval}. Several instances may run it at
 * once: the {@link DeliveryLog} claims make each (obligation, kind, recipient) go out once.
 *
 * <p>A run takes the obligations due in batches of {@code cascade.notifications.dispatch-batch}, {@code
 * dispatch-concurrency} batches at once. A batch reads its units' contacts and names, composes the live reminder of
 * each of its obligations, checks that each is still owed, claims all their notifications, sends them (e-mail in
 * shared SMTP sessions), publishes their events with one wait for the broker, and records on each obligation the
 * reminder as sent when every recipient has it: each of these steps one store round trip (or broker wait) for the
 * whole batch.
 */
@Service
public class ReminderDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReminderDispatcher.class);

    private final ObligationStore obligations;
    private final Deliverer deliverer;
    private final ContactBook contacts;
    private final UnitDirectory units;
    private final ProgrammeCatalog programmes;
    private final ReminderPolicy policy;
    private final PortalLinks links;
    private final Clock clock;
    private final int batchSize;
    private final Duration waitingRecheck;
    private final Workers workers;

    public ReminderDispatcher(ObligationStore obligations, Deliverer deliverer, ContactBook contacts,
                              UnitDirectory units, ProgrammeCatalog programmes, ReminderPolicy policy,
                              PortalLinks links, Clock clock, NotificationSettings settings) {
        this.obligations = obligations;
        this.deliverer = deliverer;
        this.contacts = contacts;
        this.units = units;
        this.programmes = programmes;
        this.policy = policy;
        this.links = links;
        this.clock = clock;
        this.batchSize = settings.dispatchBatch();
        this.waitingRecheck = settings.waitingRecheck();
        this.workers = new Workers("reminder-dispatch-", settings.dispatchConcurrency());
    }

    /**
     * Sends every live reminder (see {@link ReminderPolicy}) of every obligation still owed (neither fulfilled nor
     * closed, nor of a plan revoked), to each contact of its unit (of the parent unit for an escalation), and
     * publishes what it sent; retries failed sends and unacknowledged publications of earlier runs.
     *
     * @return the number of notifications delivered by this run
     */
    public synchronized int dispatchDue() {
        deliverer.republishUnacknowledged();
        Instant now = clock.instant();
        List<TrackedObligation> due;
        try (Stream<TrackedObligation> stream = obligations.withReminderDue(now)) {
            due = stream.toList();
        }
        Set<String> revoked = due.isEmpty() ? Set.of() : programmes.revokedPlans();
        List<TrackedObligation> current = new ArrayList<>();
        for (TrackedObligation obligation : due) {
            if (obligation.planId() != null && revoked.contains(obligation.planId())) {
                log.debug("obligation {} belongs to revoked plan {}: no reminder, its closure is on its way",
                        obligation.id(), obligation.planId());
            } else {
                current.add(obligation);
            }
        }
        Names names = new Names();
        List<Future<Integer>> batches = new ArrayList<>();
        for (int from = 0; from < current.size(); from += batchSize) {
            List<TrackedObligation> batch = current.subList(from, Math.min(current.size(), from + batchSize));
            batches.add(workers.submit(() -> dispatch(batch, names, now)));
        }
        int delivered = 0;
        for (Future<Integer> batch : batches) {
            try {
                delivered += batch.get();
            } catch (ExecutionException e) {
                // its notifications' claims are FAILED or lapse, and its obligations are still due: the next run
                log.error("a batch of reminders failed; the next dispatch tries it again", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (delivered > 0) {
            log.info("dispatch at {}: {} notification(s) delivered for {} obligation(s) with reminders due",
                    now, delivered, due.size());
        }
        return delivered;
    }

    /**
     * One batch of obligations: composes the live reminder of each, delivers all their notifications together to
     * those still owed, then records each obligation's reminders; returns how many notifications went out.
     */
    private int dispatch(List<TrackedObligation> batch, Names names, Instant now) {
        // the contacts of every unit a reminder of the batch may go to (the unit, or its parent for an escalation),
        // read together
        Set<String> audiences = new HashSet<>();
        batch.forEach(o -> {
            audiences.add(o.unitCode());
            if (o.parentCode() != null) {
                audiences.add(o.parentCode());
            }
        });
        Map<String, List<Recipient>> recipients = contacts.recipientsOf(audiences);
        // the names of the batch's units and their parents, read in one query
        UnitDirectory.Lookup unitNames = units.lookup();
        unitNames.load(audiences);
        List<Pending> pending = batch.stream()
                .map(obligation -> compose(obligation, names, unitNames, now, recipients)).toList();
        // a reminder composed before the report arrived (or the deadline moved) is not sent
        Map<String, LocalDate> composedUnder = new HashMap<>();
        pending.stream().filter(p -> !p.notifications.isEmpty())
                .forEach(p -> composedUnder.put(p.obligation.id(), p.obligation.deadline()));
        Set<String> owed = obligations.owedUnder(composedUnder);
        List<Slot> slots = new ArrayList<>();
        for (Pending p : pending) {
            if (owed.contains(p.obligation.id())) {
                for (int i = 0; i < p.notifications.size(); i++) {
                    slots.add(new Slot(p, i));
                }
            }
        }
        List<Deliverer.Result> results = deliverer.deliverAll(slots.stream().map(Slot::notification).toList(), now);
        for (int i = 0; i < slots.size(); i++) {
            slots.get(i).pending().results[slots.get(i).index()] = results.get(i);
        }
        // each obligation's reminders as they now stand (the live one sent when every recipient has it), in one write
        int changedMeanwhile = obligations.replaceAll(pending.stream().map(Pending::replacement)
                .flatMap(Optional::stream).toList());
        if (changedMeanwhile > 0) {
            log.debug("{} obligation(s) changed during dispatch; the next run looks at them again", changedMeanwhile);
        }
        // those whose reminder has nobody to go to are left out of the next runs until their audience's contacts
        // change (ContactBook wakes them) or waiting-recheck has passed: a unit without contacts was read on every run
        List<ObligationStore.Waiting> waiting = pending.stream().map(Pending::waiting).flatMap(Optional::stream)
                .toList();
        if (obligations.putAside(waiting, now.plus(waitingRecheck)) > 0) {
            // contacts given after this run read them found nothing put aside to wake: they end the wait now, not at
            // the recheck
            Set<String> given = contacts.recipientsOf(waiting.stream().map(ObligationStore.Waiting::audience)
                    .collect(Collectors.toSet())).keySet();
            if (!given.isEmpty()) {
                obligations.wake(given, now);
            }
        }
        return pending.stream().mapToInt(Pending::delivered).sum();
    }

    /** Programme titles looked up once per run, not once per reminder. */
    private final class Names {
        private final Map<String, String> titles = new ConcurrentHashMap<>();

        String title(String programme) {
            return titles.computeIfAbsent(programme, programmes::title);
        }
    }

    /** One obligation in a run: its refreshed reminders, the live one (if any) and its notifications' outcomes. */
    private static final class Pending {
        final TrackedObligation obligation;
        final TrackedObligation refreshed;
        final Reminder live;
        final List<Deliverer.Notification> notifications;
        final Deliverer.Result[] results;

        Pending(TrackedObligation obligation, TrackedObligation refreshed, Reminder live,
                List<Deliverer.Notification> notifications) {
            this.obligation = obligation;
            this.refreshed = refreshed;
            this.live = live;
            this.notifications = notifications;
            this.results = new Deliverer.Result[notifications.size()];
            Arrays.fill(results, Deliverer.Result.NOT_DELIVERED);
        }

        /** How many of its notifications this run delivered. */
        int delivered() {
            return (int) Arrays.stream(results).filter(r -> r == Deliverer.Result.DELIVERED).count();
        }

        /**
         * The obligation as written by this run (or as read), waiting for its audience's contacts; empty when its
         * live reminder had somebody to go to, or there is none.
         */
        Optional<ObligationStore.Waiting> waiting() {
            if (live == null || !notifications.isEmpty()) {
                return Optional.empty();
            }
            long revision = replacement().map(r -> r.expectedRevision() + 1).orElse(obligation.revision());
            return Optional.of(new ObligationStore.Waiting(obligation.id(), revision,
                    obligation.audienceUnit(live.kind())));
        }

        /**
         * The obligation with its reminders' new state (the live one sent when every recipient has it), to replace
         * the one read; empty when they did not change.
         */
        Optional<ObligationStore.Replacement> replacement() {
            boolean complete = live != null && !notifications.isEmpty()
                    && Arrays.stream(results).noneMatch(r -> r == Deliverer.Result.NOT_DELIVERED);
            TrackedObligation next = complete ? refreshed.withSent(live.kind()) : refreshed;
            return next.reminders().equals(obligation.reminders()) ? Optional.empty()
                    : Optional.of(new ObligationStore.Replacement(next, obligation.revision()));
        }
    }

    private Pending compose(TrackedObligation obligation, Names names, UnitDirectory.Lookup unitNames, Instant now,
                            Map<String, List<Recipient>> contactsOfBatch) {
        List<Reminder> refreshed = policy.refresh(obligation.reminders(), now);
        TrackedObligation next = obligation.withReminders(refreshed);
        Optional<Reminder> live = policy.live(refreshed, now);
        if (live.isEmpty()) {
            return new Pending(obligation, next, null, List.of());
        }
        Reminder reminder = live.get();
        String audience = obligation.audienceUnit(reminder.kind());
        List<Recipient> recipients = contactsOfBatch.getOrDefault(audience, List.of());
        if (recipients.isEmpty()) {
            log.debug("reminder {} of obligation {} waits: unit {} has no contacts", reminder.kind(),
                    obligation.id(), audience);
            return new Pending(obligation, next, reminder, List.of());
        }
        ReminderMail mail = compose(obligation, reminder, audience, names, unitNames);
        return new Pending(obligation, next, reminder, recipients.stream()
                .map(recipient -> new Deliverer.Notification(obligation.id(), reminder.kind().name(), recipient,
                        audience, obligation.unitCode(), obligation.programme(), obligation.period(), mail.subject(),
                        mail.body(), mail.link(), obligation.deadlineMoved()))
                .toList());
    }

    /** One notification of a pending obligation: where its outcome goes. */
    private record Slot(Pending pending, int index) {
        Deliverer.Notification notification() {
            return pending.notifications.get(index);
        }
    }

    @Override
    public void destroy() {
        workers.close();
    }

    /**
     * The mail of a reminder, linking to where its audience acts: the unit to its report form, the parent (an
     * escalation) to its own roll-up at the missing units.
     */
    private ReminderMail compose(TrackedObligation obligation, Reminder reminder, String audience, Names names,
                                 UnitDirectory.Lookup unitNames) {
        LocalDate deadline = obligation.deadline();
        LocalDate reminderDay = LocalDate.ofInstant(reminder.dueAt(), policy.zone());
        String link = reminder.kind().audience() == ReminderKind.Audience.PARENT
                ? links.missing(obligation.programme(), obligation.period(), audience)
                : links.obligation(obligation.programme(), obligation.period(), obligation.unitCode());
        return ReminderMail.compose(new ReminderMail.Facts(reminder.kind(), reminderDay, obligation.unitCode(),
                unitNames.nameOn(obligation.unitCode(), deadline), obligation.parentCode(),
                unitNames.nameOn(obligation.parentCode(), deadline), obligation.programme(),
                names.title(obligation.programme()),
                obligation.period(), deadline, link, obligation.replaces(), obligation.partialSuccession()));
    }
}
