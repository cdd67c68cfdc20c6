package dev.cascade.identity;

import java.util.Optional;

/**
 * The units people can work for, as the identity provider needs them: a unit's level decides which demo users it has
 * (a reporter for every unit; reviewers and planners only for districts, provinces and the ministry). The local stack
 * and the bundled default read the same unit files as plan-service ({@link UnitFiles}).
 */
public interface UnitDirectory {

    /** The level of unit {@code code}, or empty when there is no such unit. */
    Optional<Level> level(String code);

    /** A display name of unit {@code code} (the code itself when the directory knows no name). */
    default String name(String code) {
        return code;
    }

    enum Level {
        /** The root of every hierarchy, {@code BGDDT}. */
        MINISTRY,
        PROVINCE,
        DISTRICT,
        COMMUNE,
        /** A non-territorial unit: a department, an office, a party committee. */
        AGENCY;

        /** Whether the unit reviews its children's reports and issues plans: districts, provinces and the ministry. */
        public boolean reviews() {
            return this == MINISTRY || this == PROVINCE || this == DISTRICT;
        }
    }
}
