package dev.cascade.notification.obligation;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A programme's own reminder policy: the reminder kinds per unit level ({@code COMMUNE}, {@code DISTRICT}, ...) and
 * for every other level ({@code fallback}); a level with neither gets the defaults.
 */
@Document("policies")
public record PolicyOverride(@Id String programme, Map<String, List<ReminderKind>> levels,
                             List<ReminderKind> fallback, Instant updatedAt, Long version) {

    @PersistenceCreator
    public PolicyOverride {
        levels = levels == null ? Map.of() : Map.copyOf(levels);
    }

    /** An override to be saved: {@link ReminderPolicies#save} gives it its version. */
    public PolicyOverride(String programme, Map<String, List<ReminderKind>> levels, List<ReminderKind> fallback,
                          Instant updatedAt) {
        this(programme, levels, fallback, updatedAt, null);
    }
}
