package dev.cascade.notification.contact;

import java.util.Objects;

/** One place a unit's notifications go: a channel and an address on it (an e-mail address for {@link Channel#EMAIL}). */
public record Recipient(Channel channel, String address) {

    public Recipient {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
    }
}
