package dev.cascade.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code cascade.notifications.*}.
 *
 * @param dispatchInterval pause between two runs of the reminder dispatcher
 * @param claimLease       how long a delivery claimed by one instance stays its own before another instance may
 *                         take it over (it must exceed the SMTP time-outs)
 * @param mailFrom         sender address of every e-mail
 * @param mailFromName     sender display name
 * @param portalUrl        the public address of the portal (e.g. {@code https://cascade.example}); every message
 *                         links to the page in it where its reader acts ({@code PortalLinks})
 * @param webhookAttempts  how many times a webhook call is tried before it is given up (recorded as GAVE_UP)
 * @param webhookBackoff   pause after the first failed webhook call; doubled after each further failure
 * @param webhookTimeout   connect and response time-out of one webhook call (well below the claim lease)
 * @param inboxStreamTimeout how long one server-sent-events connection of the inbox stays open
 * @param inboxPollInterval  how often open inbox streams look for items other instances delivered
 * @param digestInterval     pause between two runs of the digest dispatcher
 * @param dispatchBatch      how many obligations with a reminder due one worker of the reminder dispatcher takes at
 *                           once: their notifications are claimed, sent (e-mail: in shared SMTP sessions) and
 *                           published together
 * @param dispatchConcurrency how many such batches the reminder dispatcher sends at once (each its own SMTP session)
 * @param waitingRecheck     how long an obligation whose due reminder has nobody to go to (no contacts) is left out
 *                           of the dispatcher's runs; a change of those contacts through this service ends it at once,
 *                           so this bounds only contacts written otherwise (e.g. straight into the store)
 * @param digestRecheck      how long the digest dispatcher may leave a season it found nothing to do for unread while
 *                           this instance wrote nothing that could make one of its digests due; bounds changes made by
 *                           other instances or written around the service (e.g. straight into the store)
 */
@ConfigurationProperties("cascade.notifications")
public record NotificationSettings(@DefaultValue("10s") Duration dispatchInterval,
                                   @DefaultValue("2m") Duration claimLease,
                                   @DefaultValue("no-reply@cascade.example") String mailFrom,
                                   @DefaultValue("Hệ thống Cascade") String mailFromName,
                                   @DefaultValue("http://localhost:8080") String portalUrl,
                                   @DefaultValue("5") int webhookAttempts,
                                   @DefaultValue("30s") Duration webhookBackoff,
                                   @DefaultValue("10s") Duration webhookTimeout,
                                   @DefaultValue("30m") Duration inboxStreamTimeout,
                                   @DefaultValue("2s") Duration inboxPollInterval,
                                   @DefaultValue("1m") Duration digestInterval,
                                   @DefaultValue("50") int dispatchBatch,
                                   @DefaultValue("16") int dispatchConcurrency,
                                   @DefaultValue("10m") Duration waitingRecheck,
                                   @DefaultValue("10m") Duration digestRecheck) {

    public NotificationSettings {
        if (dispatchBatch < 1 || dispatchConcurrency < 1) {
            throw new IllegalArgumentException("cascade.notifications.dispatch-batch and dispatch-concurrency must be "
                    + "at least 1, not " + dispatchBatch + " and " + dispatchConcurrency);
        }
    }

    /** When a webhook call that failed for the {@code attempts}-th time is tried again: 30 s, 1 min, 2 min, ... */
    public Duration webhookBackoffAfter(int attempts) {
        return webhookBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
    }
}
