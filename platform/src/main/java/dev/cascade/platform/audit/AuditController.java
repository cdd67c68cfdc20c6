package dev.cascade.platform.audit;

import dev.cascade.platform.security.AccessRefused;
import dev.cascade.platform.security.AccessRules;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.web.RequestRefused;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /audit?unit=…&from=…&to=…&page=…&size=…}: a unit's audit trail, readable by anyone holding a role of
 * the unit or of a unit above it. {@code from} and {@code to} are days (in Asia/Ho_Chi_Minh, {@code to} included) or
 * instants; without them, the last 30 days.
 */
@RestController
class AuditController {

    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final int MAX_SIZE = 500;

    private final AuditTrail trail;
    private final AccessRules rules;

    AuditController(AuditTrail trail, AccessRules rules) {
        this.trail = trail;
        this.rules = rules;
    }

    @Operation(summary = "A unit's audit trail: every state change with who, when, what and why, oldest first")
    @GetMapping("/audit")
    AuditPage audit(Caller caller, @RequestParam String unit, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
                    @RequestParam(defaultValue = "100") int size) {
        if (page < 0) {
            throw RequestRefused.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw RequestRefused.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        Instant end = to == null ? rules.today().plusDays(1).atStartOfDay(ZONE).toInstant() : instant("to", to, true);
        Instant start = from == null ? end.minus(java.time.Duration.ofDays(30)) : instant("from", from, false);
        if (!start.isBefore(end)) {
            throw RequestRefused.invalid("from", "must be before to");
        }
        // the units above a unit are those of the period asked for: its last day, or its first (a unit merged away
        // keeps its trail, readable by the units that were above it while it existed)
        try {
            rules.unitOrAncestor(caller, unit, LocalDate.ofInstant(end.minusNanos(1), ZONE));
        } catch (AccessRefused refused) {
            rules.unitOrAncestor(caller, unit, LocalDate.ofInstant(start, ZONE));
        }
        List<AuditEntry> entries = trail.entries(unit, start, end, page, size + 1);
        boolean more = entries.size() > size;
        return new AuditPage(unit, start, end, page, size, more ? entries.subList(0, size) : entries, more);
    }

    private static Instant instant(String field, String text, boolean endOfDay) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZONE).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw RequestRefused.invalid(field, "must be a day (2026-12-01) or an instant (2026-12-01T00:00:00Z)");
        }
    }

    /** One page of a unit's trail. */
    record AuditPage(String unit, Instant from, Instant to, int page, int size, List<AuditEntry> entries,
                     boolean hasMore) {
    }
}
