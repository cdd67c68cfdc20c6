package dev.cascade.contracts.events;

/** Rung of the administrative ladder. {@code AGENCY} is a non-territorial reporting unit attached under a territorial one. */
public enum UnitLevel {
    MINISTRY, PROVINCE, DISTRICT, COMMUNE, AGENCY
}
