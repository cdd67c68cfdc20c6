package dev.cascade.notification.delivery;

import lombok.RequiredArgsConstructor;
import dev.cascade.notification.contact.ContactBook;
import dev.cascade.notification.contact.Recipient;
import dev.cascade.notification.obligation.ObligationStore;
import dev.cascade.notification.obligation.Reminder;
import dev.cascade.notification.obligation.ReminderKind;
import dev.cascade.notification.obligation.ReminderPolicy;
import dev.cascade.notification.obligation.TrackedObligation;
import dev.cascade.notification.programme.ProgrammeCatalog;
import dev.cascade.notification.unit.UnitDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sends the reminders that have fallen due. {@link #dispatchDue()} is public so that tests and the system test can
 * trigger it; it also runs every {@code cascade.notifications.dispatch-interval}. Several instances may run it at
 * once: the {@link DeliveryLog} claims make each (obligation, kind, recipient) go out once.
 */
@Service
@RequiredArgsConstructor
public class ReminderDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ReminderDispatcher.class);

    private final ObligationStore obligations;
    private final Deliverer deliverer;
    private final ContactBook contacts;
    private final UnitDirectory units;
    private final ProgrammeCatalog programmes;
    private final ReminderPolicy policy;
    private final PortalLinks links;
    private final Clock clock;

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
        int delivered = 0;
        for (TrackedObligation obligation : due) {
            if (obligation.planId() != null && revoked.contains(obligation.planId())) {
                log.debug("obligation {} belongs to revoked plan {}: no reminder, its closure is on its way",
                        obligation.id(), obligation.planId());
                continue;
            }
            delivered += dispatch(obligation, now);
        }
        if (delivered > 0) {
            log.info("dispatch at {}: {} notification(s) delivered for {} obligation(s) with reminders due",
                    now, delivered, due.size());
        }
        return delivered;
    }

    private int dispatch(TrackedObligation obligation, Instant now) {
        List<Reminder> refreshed = policy.refresh(obligation.reminders(), now);
        TrackedObligation next = obligation.withReminders(refreshed);
        int delivered = 0;
        Optional<Reminder> live = policy.live(refreshed, now);
        if (live.isPresent()) {
            Reminder reminder = live.get();
            Outcome outcome = deliverToAll(obligation, reminder, now);
            delivered = outcome.delivered();
            if (outcome.complete()) {
                next = next.withSent(reminder.kind());
            }
        }
        if (!next.reminders().equals(obligation.reminders())
                && !obligations.save(next, obligation.revision())) {
            log.debug("obligation {} changed during dispatch; the next run looks at it again", obligation.id());
        }
        return delivered;
    }

    private record Outcome(int delivered, boolean complete) {
    }

    private Outcome deliverToAll(TrackedObligation obligation, Reminder reminder, Instant now) {
        String audience = obligation.audienceUnit(reminder.kind());
        List<Recipient> recipients = contacts.recipients(audience);
        if (recipients.isEmpty()) {
            log.debug("reminder {} of obligation {} waits: unit {} has no contacts", reminder.kind(),
                    obligation.id(), audience);
            return new Outcome(0, false);
        }
        ReminderMail mail = compose(obligation, reminder, audience);
        int delivered = 0;
        boolean complete = true;
        for (Recipient recipient : recipients) {
            if (!obligations.isOwedUnder(obligation.id(), obligation.deadline())) {
                return new Outcome(delivered, false);
            }
            var notification = new Deliverer.Notification(obligation.id(), reminder.kind().name(), recipient,
                    audience, obligation.unitCode(), obligation.programme(), obligation.period(), mail.subject(),
                    mail.body(), mail.link(), obligation.deadlineMoved());
            switch (deliverer.deliver(notification, now)) {
                case DELIVERED -> delivered++;
                case DONE_BEFORE -> { }
                case NOT_DELIVERED -> complete = false;
            }
        }
        return new Outcome(delivered, complete);
    }

    /**
     * The mail of a reminder, linking to where its audience acts: the unit to its report form, the parent (an
     * escalation) to its own roll-up at the missing units.
     */
    private ReminderMail compose(TrackedObligation obligation, Reminder reminder, String audience) {
        LocalDate deadline = obligation.deadline();
        LocalDate reminderDay = LocalDate.ofInstant(reminder.dueAt(), policy.zone());
        String link = reminder.kind().audience() == ReminderKind.Audience.PARENT
                ? links.missing(obligation.programme(), obligation.period(), audience)
                : links.obligation(obligation.programme(), obligation.period(), obligation.unitCode());
        return ReminderMail.compose(new ReminderMail.Facts(reminder.kind(), reminderDay, obligation.unitCode(),
                units.nameOn(obligation.unitCode(), deadline), obligation.parentCode(),
                units.nameOn(obligation.parentCode(), deadline), obligation.programme(),
                programmes.title(obligation.programme()),
                obligation.period(), deadline, link, obligation.replaces(), obligation.partialSuccession()));
    }
}
