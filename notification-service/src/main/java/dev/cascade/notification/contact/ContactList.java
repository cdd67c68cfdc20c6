package dev.cascade.notification.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who receives a unit's notifications: e-mail addresses, webhooks and in-app users (stored as a
 * {@link ContactDocument}, one per unit).
 */
public record ContactList(String unitCode, List<String> emails, Instant updatedAt, List<Webhook> webhooks,
                          List<String> inboxUsers) {

    public ContactList {
        emails = emails == null ? List.of() : List.copyOf(emails);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        inboxUsers = inboxUsers == null ? List.of() : List.copyOf(inboxUsers);
    }

    /** Every recipient: e-mails, then webhooks, then inbox users, each in the order given. */
    public List<Recipient> recipients() {
        List<Recipient> all = new ArrayList<>();
        emails.forEach(email -> all.add(new Recipient(Channel.EMAIL, email)));
        webhooks.forEach(hook -> all.add(new Recipient(Channel.WEBHOOK, hook.url())));
        inboxUsers.forEach(user -> all.add(new Recipient(Channel.INBOX, user)));
        return List.copyOf(all);
    }

    public Optional<Webhook> webhook(String url) {
        return webhooks.stream().filter(hook -> hook.url().equals(url)).findFirst();
    }
}
