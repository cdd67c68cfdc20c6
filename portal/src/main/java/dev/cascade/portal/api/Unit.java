package dev.cascade.portal.api;

import java.time.LocalDate;

/** An administrative unit as plan-service shows it for a day. */
public record Unit(String code, String name, String level, String type, String parentCode, String hierarchy,
                   LocalDate validFrom, LocalDate validTo) {
}
