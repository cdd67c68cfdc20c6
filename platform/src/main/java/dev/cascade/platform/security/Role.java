package dev.cascade.platform.security;

/**
 * What a person may do for their unit (claim {@code cascade_roles} of their token). The rules that give each role
 * its reach are in {@link AccessRules}.
 */
public enum Role {
    /** Submits, revises and withdraws the reports of their own unit; reads their own unit. */
    REPORTER,
    /** Accepts or returns the reports of their unit's direct children; reads everything beneath their unit. */
    REVIEWER,
    /** Creates, issues, amends and revokes the plans their unit issues for units beneath it. */
    PLANNER,
    /** Reads aggregates, reports and obligations of their unit and beneath. */
    VIEWER,
    /** Contacts, webhooks and reminder policies of their unit and beneath; of the national unit: units, indicators. */
    ADMIN
}
