package dev.cascade.notification.contact;

import dev.cascade.platform.store.InChunks;
import dev.cascade.notification.contact.ContactDocument.StoredWebhook;
import lombok.RequiredArgsConstructor;
import dev.cascade.notification.obligation.ObligationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The units' contact lists. Webhook secrets are stored sealed by the {@link SecretBox} and opened only for a call
 * ({@link #webhook}); what {@link #find} gives has no secrets.
 */
@Component
@RequiredArgsConstructor
public class ContactBook {

    private static final Logger log = LoggerFactory.getLogger(ContactBook.class);

    private static final int MAX_ATTEMPTS = 20;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final SecretBox secrets;
    private final ObligationStore obligations;
    private final AtomicLong changes = new AtomicLong();

    /** Replaces the unit's e-mail contacts only (webhooks and inbox users are kept). */
    public ContactList setEmails(String unitCode, List<EmailAddress> emails) {
        List<String> distinct = emails.stream().map(EmailAddress::value).distinct().toList();
        return write(unitCode, current -> new ContactDocument(unitCode, distinct, clock.instant(),
                current == null ? List.of() : current.webhooks(),
                current == null ? List.of() : current.inboxUsers(), null)).contacts();
    }

    /**
     * Replaces every contact of the unit; the webhook secrets are sealed.
     *
     * @throws IllegalStateException with webhooks when no secret key is configured (nothing is stored)
     */
    public ContactList set(String unitCode, List<EmailAddress> emails, List<Webhook> webhooks, List<String> inboxUsers) {
        return replace(unitCode, emails, webhooks, inboxUsers).contacts();
    }

    /**
     * Replaces every contact of the unit, as {@link #set}, and tells what changed: the versions before and after the
     * write (one write, so that concurrent replacements each get their own version) and whether the webhooks changed.
     */
    public ContactChange replace(String unitCode, List<EmailAddress> emails, List<Webhook> webhooks,
                                 List<String> inboxUsers) {
        List<String> distinct = emails.stream().map(EmailAddress::value).distinct().toList();
        List<Webhook> unique = webhooks.stream()
                .filter(hook -> webhooks.stream().filter(h -> h.url().equals(hook.url())).findFirst().get() == hook)
                .toList();
        List<StoredWebhook> hooks = unique.stream()
                .map(hook -> new StoredWebhook(hook.url(), secrets.seal(Objects.requireNonNull(hook.secret(),
                        "secret"), ContactDocument.context(unitCode, hook.url())), null))
                .toList();
        return write(unitCode, current -> new ContactDocument(unitCode, distinct, clock.instant(), hooks,
                inboxUsers.stream().distinct().toList(), null), unique);
    }

    /**
     * What a replacement of a unit's contacts changed.
     *
     * @param versionBefore   {@code null} when the unit had no contacts; 0 for contacts stored before versions
     * @param webhooksChanged whether the webhooks (URLs or secrets) differ from those stored before
     */
    public record ContactChange(ContactList contacts, Long versionBefore, long versionAfter,
                                boolean webhooksChanged) {
    }

    /**
     * How many contact lists this instance has written since it started (a digest run that saw the same count may
     * skip).
     */
    public long changes() {
        return changes.get();
    }

    /** The unit's contacts; its webhooks without their secrets. */
    public Optional<ContactList> find(String unitCode) {
        return document(unitCode).map(ContactDocument::withoutSecrets);
    }

    /**
     * The unit's webhook at {@code url} with its secret opened.
     *
     * @throws IllegalStateException when the secret cannot be opened (no key, another key)
     */
    public Optional<Webhook> webhook(String unitCode, String url) {
        return document(unitCode).flatMap(doc -> doc.webhooks().stream().filter(h -> h.url().equals(url)).findFirst())
                .map(hook -> new Webhook(hook.url(), hook.sealedSecret() != null
                        ? secrets.open(hook.sealedSecret(), ContactDocument.context(unitCode, hook.url()))
                        : hook.secret()));
    }

    /** Where the unit's notifications go; none when the unit has no contacts. */
    public List<Recipient> recipients(String unitCode) {
        return find(unitCode).map(ContactList::recipients).orElse(List.of());
    }

    /**
     * Where each unit's notifications go, read in one query (a dispatch batch asks for its units together, not one
     * by one); a unit without contacts is not in the map.
     */
    public Map<String, List<Recipient>> recipientsOf(Collection<String> unitCodes) {
        Map<String, List<Recipient>> recipients = new HashMap<>();
        if (unitCodes.isEmpty()) {
            return recipients;
        }
        InChunks.forEach(Set.copyOf(unitCodes), chunk -> mongo.find(query(where("_id").in(chunk)),
                ContactDocument.class).forEach(doc -> {
                    List<Recipient> of = doc.withoutSecrets().recipients();
                    if (!of.isEmpty()) {
                        recipients.put(doc.unitCode(), of);
                    }
                }));
        return recipients;
    }

    /** Seals the secrets stored in clear before secrets were sealed (once a key is configured). */
    @EventListener(ApplicationReadyEvent.class)
    public void sealSecretsStoredInClear() {
        List<ContactDocument> clear = mongo.find(query(where("webhooks.secret").exists(true)), ContactDocument.class);
        if (clear.isEmpty()) {
            return;
        }
        if (!secrets.available()) {
            log.warn("{} unit(s) have webhook secrets stored in clear; they are sealed at the first start with "
                    + "cascade.notifications.secret-key", clear.size());
            return;
        }
        for (ContactDocument doc : clear) {
            mongo.save(new ContactDocument(doc.unitCode(), doc.emails(), doc.updatedAt(), doc.webhooks().stream()
                    .map(hook -> hook.secret() == null ? hook : new StoredWebhook(hook.url(),
                            secrets.seal(hook.secret(), ContactDocument.context(doc.unitCode(), hook.url())), null))
                    .toList(), doc.inboxUsers(), doc.version()));
        }
        log.info("webhook secrets of {} unit(s) stored in clear are now sealed", clear.size());
    }

    private ContactChange write(String unitCode, UnaryOperator<ContactDocument> next) {
        return write(unitCode, next, null);
    }

    /**
     * Writes the unit's next contacts over exactly the version read (a concurrent write makes it read again), so
     * that each write has a version of its own: 1 for the first, one more each time.
     *
     * @param webhooks the webhooks in clear, to tell whether they changed; {@code null}: kept as they were
     */
    private ContactChange write(String unitCode, UnaryOperator<ContactDocument> next, List<Webhook> webhooks) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ContactDocument current = document(unitCode).orElse(null);
            Long before = current == null ? null : current.version() == null ? 0L : current.version();
            ContactDocument written = next.apply(current);
            written = new ContactDocument(written.unitCode(), written.emails(), written.updatedAt(),
                    written.webhooks(), written.inboxUsers(), before == null ? 1L : before + 1);
            boolean changedHooks = webhooks != null && webhooksChanged(current, webhooks);
            if (current == null) {
                try {
                    mongo.insert(written);
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            } else {
                Query same = query(where("_id").is(unitCode)).addCriteria(current.version() == null
                        ? where("version").exists(false) : where("version").is(current.version()));
                if (mongo.findAndReplace(same, written) == null) {
                    continue;
                }
            }
            changes.incrementAndGet(); // a digest with nobody to go to may have somebody now
            // reminders put aside because the unit had nobody to send to are due again (at once, not at the
            // next recheck)
            obligations.wake(List.of(unitCode), clock.instant());
            return new ContactChange(written.withoutSecrets(), before, written.version(), changedHooks);
        }
        throw new IllegalStateException("the contacts of unit " + unitCode + " kept changing during "
                + MAX_ATTEMPTS + " attempts to write them");
    }

    /** Whether {@code webhooks} differ from those stored (URLs in order, secrets as opened). */
    private boolean webhooksChanged(ContactDocument current, List<Webhook> webhooks) {
        List<StoredWebhook> stored = current == null ? List.of() : current.webhooks();
        if (stored.size() != webhooks.size()) {
            return true;
        }
        for (int i = 0; i < stored.size(); i++) {
            StoredWebhook old = stored.get(i);
            if (!old.url().equals(webhooks.get(i).url())) {
                return true;
            }
            try {
                String secret = old.sealedSecret() != null
                        ? secrets.open(old.sealedSecret(), ContactDocument.context(current.unitCode(), old.url()))
                        : old.secret();
                if (!Objects.equals(secret, webhooks.get(i).secret())) {
                    return true;
                }
            } catch (RuntimeException unreadable) {
                return true;
            }
        }
        return false;
    }

    private Optional<ContactDocument> document(String unitCode) {
        return unitCode == null ? Optional.empty()
                : Optional.ofNullable(mongo.findById(unitCode, ContactDocument.class));
    }
}
