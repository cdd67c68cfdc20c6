package dev.cascade.portal.api;

import java.util.List;

/** The reporting units beneath a unit that have not reported ({@code …/missing}). */
public record MissingUnits(String aggregateKey, long expected, long received, List<Missing> missing) {

    /** One silent unit. */
    public record Missing(String unitCode, String name, String parentCode) {
    }
}
