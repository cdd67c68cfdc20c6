package dev.cascade.notification.programme;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * What this service knows of a reporting programme from {@code cascade.plan.issued}: its title (used in every
 * subject) and the cut-off end of each period (the day whose hierarchy places the units).
 */
@Document("programmes")
public record Programme(@Id String code, String title, Map<String, LocalDate> cutOffEnds, String planId,
                        long planVersion, Instant updatedAt) {

    public Programme {
        cutOffEnds = cutOffEnds == null ? Map.of() : Map.copyOf(cutOffEnds);
    }
}
