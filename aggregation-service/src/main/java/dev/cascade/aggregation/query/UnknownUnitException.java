package dev.cascade.aggregation.query;

/** A read with {@code restate=true} for a unit this service has never heard of (and that has no roll-up). */
final class UnknownUnitException extends RuntimeException {

    final String programme;
    final String period;
    final String unitCode;

    /** @param period {@code null} for a series */
    UnknownUnitException(String programme, String period, String unitCode) {
        super("unknown unit " + unitCode);
        this.programme = programme;
        this.period = period;
        this.unitCode = unitCode;
    }
}
