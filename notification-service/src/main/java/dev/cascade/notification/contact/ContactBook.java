package dev.cascade.notification.contact;

import lombok.RequiredArgsConstructor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The units' contact lists. */
@Component
@RequiredArgsConstructor
public class ContactBook {

    private final MongoTemplate mongo;
    private final Clock clock;

    /** Replaces the unit's e-mail contacts only (webhooks and inbox users are kept). */
    public ContactList setEmails(String unitCode, List<EmailAddress> emails) {
        ContactList current = find(unitCode).orElse(null);
        return set(unitCode, emails, current == null ? List.of() : current.webhooks(),
                current == null ? List.of() : current.inboxUsers());
    }

    /** Replaces every contact of the unit. */
    public ContactList set(String unitCode, List<EmailAddress> emails, List<Webhook> webhooks, List<String> inboxUsers) {
        List<String> distinct = emails.stream().map(EmailAddress::value).distinct().toList();
        List<Webhook> hooks = webhooks.stream()
                .filter(hook -> webhooks.stream().filter(h -> h.url().equals(hook.url())).findFirst().get() == hook)
                .toList();
        return mongo.save(new ContactList(unitCode, distinct, clock.instant(), hooks,
                inboxUsers.stream().distinct().toList()));
    }

    public Optional<ContactList> find(String unitCode) {
        return unitCode == null ? Optional.empty() : Optional.ofNullable(mongo.findById(unitCode, ContactList.class));
    }

    /** Where the unit's notifications go; none when the unit has no contacts. */
    public List<Recipient> recipients(String unitCode) {
        return find(unitCode).map(ContactList::recipients).orElse(List.of());
    }
}
