package dev.cascade.plan.unit.domain;

import java.util.Collection;
import java.util.List;

/** The known units formed from others in a reform: the reverse of {@link AdministrativeUnit#predecessors()}. */
public interface UnitLineage {

    /** The known units whose predecessors name any of {@code codes} (a unit may name its own code). */
    List<AdministrativeUnit> formedFrom(Collection<String> codes);
}
