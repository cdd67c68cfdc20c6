package dev.cascade.notification.contact;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A unit's contacts as stored: the webhook secrets sealed ({@link SecretBox}), never in clear.
 *
 * @param version 1 for the first contacts of a unit, one more at each write ({@link ContactBook}); {@code null} in a
 *                document written before contacts had versions (counted as 0)
 */
@Document("contacts")
record ContactDocument(@Id String unitCode, List<String> emails, Instant updatedAt, List<StoredWebhook> webhooks,
                       List<String> inboxUsers, Long version) {

    ContactDocument {
        emails = emails == null ? List.of() : List.copyOf(emails);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        inboxUsers = inboxUsers == null ? List.of() : List.copyOf(inboxUsers);
    }

    /**
     * One webhook as stored.
     *
     * @param sealedSecret the secret sealed by {@link SecretBox} ({@code v1:...})
     * @param secret       a secret in clear, as stored before secrets were sealed; sealed at the next start that has a
     *                     key, never written any more
     */
    record StoredWebhook(String url, String sealedSecret, String secret) {
    }

    /** The contacts without any secret (a webhook's secret is read only when it is called). */
    ContactList withoutSecrets() {
        return new ContactList(unitCode, emails, updatedAt,
                webhooks.stream().map(hook -> new Webhook(hook.url(), null)).toList(), inboxUsers);
    }

    /** The secret's context: the unit and the URL, so that a sealed secret opens only where it was sealed. */
    static String context(String unitCode, String url) {
        return unitCode + "|" + url;
    }
}
