package dev.cascade.plan.unit;

import dev.cascade.plan.unit.domain.AdministrativeUnit;

import java.time.Instant;

/**
 * A unit as stored: its content, the version of that content, when it last changed, and whether that version has
 * been published on the units topic.
 */
public record StoredUnit(AdministrativeUnit unit, long version, Instant updatedAt, boolean published) {

    public String code() {
        return unit.code();
    }
}
