package dev.cascade.plan.unit.domain;

import java.util.Collection;
import java.util.Map;

/** The administrative units known to plan-service (imported), by code. */
public interface UnitDirectory {

    /** Those of {@code codes} that are known, by code. */
    Map<String, AdministrativeUnit> find(Collection<String> codes);
}
