package dev.cascade.notification.contact;

import java.util.Objects;

/**
 * One place a unit's notifications go: a channel and an address on it (an e-mail address for {@link Channel#EMAIL},
 * the URL for {@link Channel#WEBHOOK}, the user id for {@link Channel#INBOX}).
 */
public record Recipient(Channel channel, String address) {

    public Recipient {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
    }
}
