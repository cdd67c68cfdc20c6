package dev.cascade.platform.architecture.planted.domain;

import dev.cascade.platform.outbox.OutboxEvent;

import java.util.List;

/** A planted violation: a domain record that carries outbox events. */
public record Aware(String id, List<OutboxEvent> outbox) {
}
