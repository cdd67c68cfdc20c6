package dev.cascade.platform.audit;

import java.time.Instant;

/**
 * An entry of the audit trail: who (subject, their unit, the role that allowed it, the rule), when, what (entity,
 * versions before and after), why and the trace id. Never changed once written.
 */
public record AuditEntry(String id, Instant at, String subject, String actorUnit, String role, String rule,
                         String action, String entityType, String entityId, String unitCode, Long versionBefore,
                         Long versionAfter, String reason, String traceId) {
}
