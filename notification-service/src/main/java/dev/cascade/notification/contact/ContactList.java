package dev.cascade.notification.contact;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * Who receives a unit's notifications. One document per unit; e-mail addresses now, webhooks and in-app users will
 * be further lists beside them.
 */
@Document("contacts")
public record ContactList(@Id String unitCode, List<String> emails, Instant updatedAt) {

    public ContactList {
        emails = emails == null ? List.of() : List.copyOf(emails);
    }

    /** Every recipient, in the order given. */
    public List<Recipient> recipients() {
        return emails.stream().map(email -> new Recipient(Channel.EMAIL, email)).toList();
    }
}
