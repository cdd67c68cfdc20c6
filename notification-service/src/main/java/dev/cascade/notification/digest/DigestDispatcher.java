package dev.cascade.notification.digest;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.notification.NotificationSettings;
import dev.cascade.notification.contact.ContactBook;
import dev.cascade.notification.contact.Recipient;
import dev.cascade.notification.delivery.Deliverer;
import dev.cascade.notification.delivery.NotificationSentPublisher;
import dev.cascade.notification.delivery.PortalLinks;
import dev.cascade.notification.obligation.ObligationStore;
import dev.cascade.notification.obligation.ObligationTracker;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The daily digest for provincial staff: on each of the 7 days before the (earliest) deadline of the units beneath a
 * province that have not reported for (programme, period), the province's contacts get "N of M units under you have
 * not reported", with the missing units listed. A digest day runs from the reminders' time of day (08:00
 * Asia/Ho_Chi_Minh) to the same time the next day; one digest per (province, programme, period, day) and recipient,
 * exactly once (the delivery log's unique key). Units are placed by the hierarchy valid on the period's cut-off end.
 * {@link #dispatchDue()} is public and also runs every {@code cascade.notifications.digest-interval}.
 *
 * <p>A season whose run left nothing to do on a day (every digest it composed delivered, delivered before, or with
 * nobody to go to) is not read again that day until something that could make a digest due has been written by this
 * instance: an obligation of the season ({@link ObligationTracker#mayAddDigest}), a unit, a contact list, a plan or
 * revocation; nor for longer than {@code cascade.notifications.digest-recheck}, which bounds what other instances and
 * writes around the service change (each instance runs the digests, so the one that wrote a change sends what it
 * made due). A reporting season's burst of fulfilments before the deadline changes none of these: the season's
 * obligations, tens of thousands in a national season, are not read every minute for nothing.
 */
@Service
@RequiredArgsConstructor
public class DigestDispatcher {

    /** Days before the deadline on which the digest is sent: 7 down to 1. */
    public static final int WINDOW_DAYS = 7;

    private static final Logger log = LoggerFactory.getLogger(DigestDispatcher.class);

    private final ObligationStore obligations;
    private final UnitDirectory units;
    private final ContactBook contacts;
    private final ProgrammeCatalog programmes;
    private final Deliverer deliverer;
    private final ReminderPolicy policy;
    private final PortalLinks links;
    private final ObligationTracker tracker;
    private final NotificationSettings settings;
    private final Clock clock;
    /** The seasons whose run left nothing to do, by season; only {@link #dispatchDue()} (synchronized) uses it. */
    private final Map<ObligationStore.Season, Settled> settled = new HashMap<>();

    /** A season's run that left nothing to do on {@code day}, and what it had seen. */
    private record Settled(LocalDate day, long changes, Set<String> revoked, Instant at) {
    }

    /** What one season's run did. */
    private record Run(int delivered, boolean settled) {
    }

    /** The digest day at an instant: the day whose 08:00 (local) is the latest one not after it. */
    public LocalDate digestDay(Instant now) {
        return policy.dayAt(now);
    }

    /** Sends today's digests not sent yet; returns how many notifications it delivered. */
    public synchronized int dispatchDue() {
        Instant now = clock.instant();
        LocalDate day = digestDay(now);
        Set<String> revoked = programmes.revokedPlans();
        int delivered = 0;
        Set<ObligationStore.Season> open = obligations.openSeasons(day, day.plusDays(WINDOW_DAYS), revoked);
        settled.keySet().retainAll(open);
        for (ObligationStore.Season season : open) {
            long changes = changesSeenBy(season); // before the season is read: a write after it moves the count
            Settled last = settled.get(season);
            if (last != null && last.day().equals(day) && last.changes() == changes && last.revoked().equals(revoked)
                    && now.isBefore(last.at().plus(settings.digestRecheck()))) {
                log.debug("digests of {} for {} {}: nothing new since {}", day, season.programme(), season.period(),
                        last.at());
                continue;
            }
            Run run = dispatch(season.programme(), season.period(), day, now, revoked);
            delivered += run.delivered();
            if (run.settled()) {
                settled.put(season, new Settled(day, changes, Set.copyOf(revoked), now));
            } else {
                settled.remove(season);
            }
        }
        if (delivered > 0) {
            log.info("digests of {}: {} notification(s) delivered", day, delivered);
        }
        return delivered;
    }

    /** This instance's count of the writes that could make one of the season's digests due; it only grows. */
    private long changesSeenBy(ObligationStore.Season season) {
        return tracker.digestChanges(season.programme(), season.period()) + units.changes() + contacts.changes()
                + programmes.changes();
    }

    /**
     * Whether an obligation counts in a digest: not closed (no longer owed) and not of a plan revoked (its closure
     * is on its way).
     */
    private static boolean counted(TrackedObligation obligation, Set<String> revoked) {
        return !obligation.closed() && (obligation.planId() == null || !revoked.contains(obligation.planId()));
    }

    private Run dispatch(String programme, String period, LocalDate day, Instant now, Set<String> revoked) {
        List<TrackedObligation> all = obligations.of(programme, period).stream().filter(o -> counted(o, revoked))
                .toList();
        LocalDate anyDeadline = all.stream().map(TrackedObligation::deadline).filter(d -> d != null).findFirst()
                .orElse(day);
        LocalDate placementDay = programmes.placementDay(programme, period, anyDeadline);
        UnitDirectory.Lookup lookup = units.lookup(); // a national season: 3 queries, not 3 per obligation
        Map<String, String> provinces = lookup.ancestorsAt(all.stream().map(TrackedObligation::unitCode).toList(),
                UnitLevel.PROVINCE, placementDay);
        Map<String, List<TrackedObligation>> byProvince = new TreeMap<>();
        for (TrackedObligation o : all) {
            String province = provinces.get(o.unitCode());
            if (province != null && !province.equals(o.unitCode())) {
                byProvince.computeIfAbsent(province, p -> new ArrayList<>()).add(o);
            }
        }
        int delivered = 0;
        boolean settledAll = true;
        for (var entry : byProvince.entrySet()) {
            Run run = dispatch(entry.getKey(), programme, period, entry.getValue(), day, placementDay, now, lookup);
            delivered += run.delivered();
            settledAll &= run.settled();
        }
        return new Run(delivered, settledAll);
    }

    private Run dispatch(String province, String programme, String period, List<TrackedObligation> beneath,
                         LocalDate day, LocalDate placementDay, Instant now, UnitDirectory.Lookup lookup) {
        List<TrackedObligation> missing = beneath.stream().filter(o -> !o.fulfilled() && o.deadline() != null)
                .sorted(Comparator.comparing(TrackedObligation::deadline).thenComparing(TrackedObligation::unitCode))
                .toList();
        Run nothingToDo = new Run(0, true);
        if (missing.isEmpty()) {
            return nothingToDo;
        }
        LocalDate deadline = missing.get(0).deadline();
        if (!deadline.isAfter(day) || deadline.minusDays(WINDOW_DAYS).isAfter(day)) {
            return nothingToDo;
        }
        List<Recipient> recipients = contacts.recipients(province);
        if (recipients.isEmpty()) {
            return nothingToDo;
        }
        DigestMail mail = DigestMail.compose(new DigestMail.Facts(day, province, lookup.nameOn(province, placementDay),
                programme, programmes.title(programme), period, beneath.size(), missing.stream()
                .map(o -> new DigestMail.MissingUnit(o.unitCode(), lookup.nameOn(o.unitCode(), placementDay),
                        o.parentCode() == null || o.parentCode().equals(province) ? null
                                : lookup.nameOn(o.parentCode(), placementDay), o.deadline()))
                .toList(), deadline, links.missing(programme, period, province)));
        String subjectKey = NotificationSentPublisher.DIGEST + "|" + province + "|" + programme + "|" + period + "|"
                + day;
        int delivered = 0;
        boolean settledAll = true;
        for (Recipient recipient : recipients) {
            var notification = new Deliverer.Notification(subjectKey, NotificationSentPublisher.DIGEST, recipient,
                    province, province, programme, period, mail.subject(), mail.body(), mail.link());
            Deliverer.Result result = deliverer.deliver(notification, now);
            if (result == Deliverer.Result.DELIVERED) {
                delivered++;
            }
            settledAll &= result != Deliverer.Result.NOT_DELIVERED; // failed, backing off, or another instance's
        }
        return new Run(delivered, settledAll);
    }
}
