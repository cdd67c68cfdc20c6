package dev.cascade.aggregation.query;

import dev.cascade.contracts.AggregateKey;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;

import java.util.List;

/** Why a read of aggregates is refused, in the platform's one error model. */
final class QueryRefusals {

    private QueryRefusals() {
    }

    /** No roll-up has this key: no plan of the programme has the period, or no reporter is expected beneath. */
    static RequestRefused unknownAggregate(AggregateKey key) {
        return new RequestRefused(Reason.NOT_FOUND, "Unknown aggregate", "No aggregate for programme "
                + key.programme() + ", period " + key.period() + ", unit " + key.unitCode()
                + " (no plan of the programme has this period, or no reporter is expected beneath this unit)",
                List.of(new FieldProblem("unitCode", "no aggregate for " + key)))
                .with("aggregateKey", key.toString());
    }

    /**
     * A read with {@code restate=true} for a unit this service has never heard of (and that has no roll-up).
     *
     * @param period {@code null} for a series
     */
    static RequestRefused unknownUnit(String programme, String period, String unitCode) {
        RequestRefused refused = new RequestRefused(Reason.NOT_FOUND, "Unknown unit", "Unit " + unitCode
                + " is not known to the aggregation service, so there is nothing to restate",
                List.of(new FieldProblem("unitCode", "unknown unit " + unitCode)));
        return period == null ? refused : refused.with("aggregateKey",
                new AggregateKey(programme, period, unitCode).toString());
    }

    /** Restatement applies to the key, but none of the unit's predecessors has figures or expected reporters then. */
    static RequestRefused nothingToRestate(AggregateKey key, List<String> predecessors) {
        return new RequestRefused(Reason.NOT_FOUND, "Nothing to restate", "Nothing to restate for programme "
                + key.programme() + ", period " + key.period() + ", unit " + key.unitCode()
                + ": none of its predecessors " + predecessors + " has figures or expected reporters in that period",
                List.of(new FieldProblem("unitCode", "no predecessor of " + key.unitCode()
                        + " has figures in period " + key.period())))
                .with("aggregateKey", key.toString()).with("predecessors", List.copyOf(predecessors));
    }

    /** A query parameter with a value it cannot have, e.g. {@code restate=yes}. */
    static RequestRefused invalidParameter(String name, String value, String expected) {
        return new RequestRefused(Reason.MALFORMED, "Invalid parameter", "Parameter " + name + " must be " + expected
                + ", not '" + value + "'", List.of(new FieldProblem(name, "must be " + expected)));
    }
}
