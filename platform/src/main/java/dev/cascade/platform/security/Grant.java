package dev.cascade.platform.security;

/**
 * What {@link AccessRules} allowed: the caller, the role that allowed it and the rule in words. A state change
 * records it in the audit trail ({@code dev.cascade.platform.audit.AuditTrail}).
 */
public record Grant(Caller caller, Role role, String rule) {
}
