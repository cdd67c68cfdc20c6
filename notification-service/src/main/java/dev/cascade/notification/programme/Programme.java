package dev.cascade.notification.programme;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What this service knows of a reporting programme from {@code cascade.plan.issued}: its title (used in every
 * subject), the cut-off end of each period (the day whose hierarchy places the units) and the units that issued the
 * plans carrying it (whose administrators set its reminder policy).
 *
 * @param issuers the issuing units of the plans seen with this programme, in the order seen (usually one); empty
 *                for a programme stored before issuers were kept, until its plan is seen again
 */
@Document("programmes")
public record Programme(@Id String code, String title, Map<String, LocalDate> cutOffEnds, String planId,
                        long planVersion, Instant updatedAt, List<String> issuers) {

    public Programme {
        cutOffEnds = cutOffEnds == null ? Map.of() : Map.copyOf(cutOffEnds);
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
    }
}
