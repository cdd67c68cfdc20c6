package dev.cascade.notification.contact;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The units' contact lists. */
@Component
public class ContactBook {

    private final MongoTemplate mongo;
    private final Clock clock;

    public ContactBook(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Replaces the unit's e-mail contacts. */
    public ContactList setEmails(String unitCode, List<EmailAddress> emails) {
        List<String> distinct = emails.stream().map(EmailAddress::value).distinct().toList();
        return mongo.save(new ContactList(unitCode, distinct, clock.instant()));
    }

    public Optional<ContactList> find(String unitCode) {
        return unitCode == null ? Optional.empty() : Optional.ofNullable(mongo.findById(unitCode, ContactList.class));
    }

    /** Where the unit's notifications go; none when the unit has no contacts. */
    public List<Recipient> recipients(String unitCode) {
        return find(unitCode).map(ContactList::recipients).orElse(List.of());
    }
}
