package dev.cascade.platform.audit;

/**
 * One state change, as the audit trail records it beside who made it.
 *
 * @param action        what was done, in the event's words (e.g. {@code report.submitted}, {@code plan.revoked})
 * @param entityType    the kind of thing changed ({@code report}, {@code plan}, {@code contacts}, …)
 * @param entityId      which one
 * @param unitCode      the unit whose trail it belongs to (the report's unit, the plan's issuer, …)
 * @param versionBefore the entity's version before the change; {@code null} when it did not exist
 * @param versionAfter  its version after the change
 * @param reason        the reason given, where the action has one
 */
public record AuditedChange(String action, String entityType, String entityId, String unitCode, Long versionBefore,
                            Long versionAfter, String reason) {

    /** A change without a reason. */
    public static AuditedChange of(String action, String entityType, String entityId, String unitCode,
                                   Long versionBefore, Long versionAfter) {
        return new AuditedChange(action, entityType, entityId, unitCode, versionBefore, versionAfter, null);
    }

    /** The same change with the reason given for it. */
    public AuditedChange because(String why) {
        return new AuditedChange(action, entityType, entityId, unitCode, versionBefore, versionAfter, why);
    }
}
