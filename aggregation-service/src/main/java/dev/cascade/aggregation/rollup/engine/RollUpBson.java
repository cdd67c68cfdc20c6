package dev.cascade.aggregation.rollup.engine;

import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.Parts;
import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.RevokedPlan;
import dev.cascade.contracts.events.TargetComparator;
import dev.cascade.contracts.events.TargetProgress;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.platform.outbox.OutboxDocuments;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.cascade.platform.store.DocumentFields.date;
import static dev.cascade.platform.store.DocumentFields.decimal;
import static dev.cascade.platform.store.DocumentFields.list;
import static dev.cascade.platform.store.DocumentFields.putIfPresent;

/**
 * A roll-up document as stored, written and read field by field: the hottest document of the service (every change of
 * a roll-up writes all of it, with one contribution per child), for which Spring Data's mapping cost a quarter of the
 * service's CPU under a burst. The stored form is the one Spring Data's mapping gives it (decimals as Decimal128,
 * instants as dates, absent values left out, the {@code _class} hint), except a revoked plan's day: written as an ISO
 * day ({@code 2025-07-01}), so that it does not depend on the time zone of the JVM that writes or reads it; a day
 * stored as a date by earlier versions is read as they read it (the JVM's zone).
 */
final class RollUpBson {

    /** The type hint Spring Data writes, kept so that documents written before and after read the same everywhere. */
    static final String TYPE_HINT = RollUpDocument.class.getName();

    private RollUpBson() {
    }

    static Document write(RollUpDocument d) {
        Document out = new Document();
        out.put("_id", d.id());
        putIfPresent(out, "programme", d.programme());
        putIfPresent(out, "period", d.period());
        putIfPresent(out, "unitCode", d.unitCode());
        out.put("seq", d.seq());
        putIfPresent(out, "level", d.level() == null ? null : d.level().name());
        putIfPresent(out, "parentCode", d.parentCode());
        putIfPresent(out, "asOf", date(d.asOf()));
        out.put("children", list(d.children(), RollUpBson::contribution));
        out.put("rules", map(d.rules(), Enum::name));
        out.put("values", map(d.values(), RollUpBson::aggregatedValue));
        putIfPresent(out, "completeness", completeness(d.completeness()));
        out.put("targets", list(d.targets(), RollUpBson::target));
        out.put("revokedPlans", list(d.revokedPlans(), RollUpBson::revokedPlan));
        out.put("pending", list(d.pending(), OutboxDocuments::event));
        out.put("hasPending", d.hasPending());
        out.put("revision", d.revision());
        out.put("_class", TYPE_HINT);
        return out;
    }

    static RollUpDocument read(Document in) {
        return new RollUpDocument(in.getString("_id"), in.getString("programme"), in.getString("period"),
                in.getString("unitCode"), longOf(in, "seq"), enumOf(UnitLevel.class, in.getString("level")),
                in.getString("parentCode"), instantOf(in.get("asOf")), listOf(in, "children", RollUpBson::contribution),
                mapOf(in, "rules", v -> AggregationRule.valueOf((String) v)),
                mapOf(in, "values", v -> aggregatedValue((Document) v)), completeness(in.get("completeness", Document.class)),
                listOf(in, "targets", RollUpBson::target), listOf(in, "revokedPlans", RollUpBson::revokedPlan),
                listOf(in, "pending", OutboxDocuments::event), in.getBoolean("hasPending", false), longOf(in, "revision"));
    }

    private static Document contribution(Contribution c) {
        Document out = new Document();
        out.put("childCode", c.childCode());
        out.put("source", c.source().name());
        out.put("version", c.version());
        out.put("values", map(c.values(), RollUpBson::parts));
        putIfPresent(out, "completeness", completeness(c.completeness()));
        return out;
    }

    private static Contribution contribution(Document in) {
        return new Contribution(in.getString("childCode"), Contribution.Source.valueOf(in.getString("source")),
                longOf(in, "version"), mapOf(in, "values", v -> parts((Document) v)),
                completeness(in.get("completeness", Document.class)));
    }

    private static Document parts(Parts p) {
        Document out = new Document();
        putIfPresent(out, "sum", decimal(p.sum()));
        putIfPresent(out, "numerator", decimal(p.numerator()));
        putIfPresent(out, "denominator", decimal(p.denominator()));
        putIfPresent(out, "min", decimal(p.min()));
        putIfPresent(out, "max", decimal(p.max()));
        out.put("count", p.count());
        return out;
    }

    private static Parts parts(Document in) {
        return new Parts(decimalOf(in.get("sum")), decimalOf(in.get("numerator")), decimalOf(in.get("denominator")),
                decimalOf(in.get("min")), decimalOf(in.get("max")), longOf(in, "count"));
    }

    private static Document aggregatedValue(AggregatedValue v) {
        Document out = new Document();
        putIfPresent(out, "rule", v.rule() == null ? null : v.rule().name());
        putIfPresent(out, "value", decimal(v.value()));
        putIfPresent(out, "sum", decimal(v.sum()));
        putIfPresent(out, "numerator", decimal(v.numerator()));
        putIfPresent(out, "denominator", decimal(v.denominator()));
        putIfPresent(out, "min", decimal(v.min()));
        putIfPresent(out, "max", decimal(v.max()));
        out.put("count", v.count());
        return out;
    }

    private static AggregatedValue aggregatedValue(Document in) {
        return new AggregatedValue(enumOf(AggregationRule.class, in.getString("rule")), decimalOf(in.get("value")),
                decimalOf(in.get("sum")), decimalOf(in.get("numerator")), decimalOf(in.get("denominator")),
                decimalOf(in.get("min")), decimalOf(in.get("max")), longOf(in, "count"));
    }

    private static Document completeness(Completeness c) {
        if (c == null) {
            return null;
        }
        Document out = new Document();
        out.put("expected", c.expected());
        out.put("received", c.received());
        out.put("onTime", c.onTime());
        out.put("late", c.late());
        return out;
    }

    private static Completeness completeness(Document in) {
        return in == null ? null : new Completeness(intOf(in, "expected"), intOf(in, "received"),
                intOf(in, "onTime"), intOf(in, "late"));
    }

    private static Document target(TargetProgress t) {
        Document out = new Document();
        putIfPresent(out, "indicator", t.indicator());
        putIfPresent(out, "planId", t.planId());
        out.put("year", t.year());
        putIfPresent(out, "comparator", t.comparator() == null ? null : t.comparator().name());
        putIfPresent(out, "target", decimal(t.target()));
        putIfPresent(out, "upper", decimal(t.upper()));
        putIfPresent(out, "actual", decimal(t.actual()));
        out.put("met", t.met());
        putIfPresent(out, "gap", decimal(t.gap()));
        return out;
    }

    private static TargetProgress target(Document in) {
        return new TargetProgress(in.getString("indicator"), in.getString("planId"), intOf(in, "year"),
                enumOf(TargetComparator.class, in.getString("comparator")), decimalOf(in.get("target")),
                decimalOf(in.get("upper")), decimalOf(in.get("actual")), in.getBoolean("met", false),
                decimalOf(in.get("gap")));
    }

    private static Document revokedPlan(RevokedPlan r) {
        Document out = new Document();
        putIfPresent(out, "planId", r.planId());
        putIfPresent(out, "revokedOn", r.revokedOn() == null ? null : r.revokedOn().toString());
        return out;
    }

    private static RevokedPlan revokedPlan(Document in) {
        Object day = in.get("revokedOn");
        LocalDate revokedOn = day instanceof String iso ? LocalDate.parse(iso)
                : day instanceof Date date ? date.toInstant().atZone(ZoneId.systemDefault()).toLocalDate() : null;
        return new RevokedPlan(in.getString("planId"), revokedOn);
    }

    private static BigDecimal decimalOf(Object stored) {
        if (stored == null) {
            return null;
        } else if (stored instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        } else if (stored instanceof BigDecimal decimal) {
            return decimal;
        } else if (stored instanceof String text) {
            return new BigDecimal(text);
        } else if (stored instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        throw new IllegalStateException("not a decimal in a roll-up document: " + stored.getClass().getName());
    }

    private static Instant instantOf(Object stored) {
        return stored == null ? null : ((Date) stored).toInstant();
    }

    private static long longOf(Document in, String field) {
        Object value = in.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static int intOf(Document in, String field) {
        Object value = in.get(field);
        return value == null ? 0 : ((Number) value).intValue();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static <T> List<T> listOf(Document in, String field, Function<Document, T> read) {
        List<?> stored = in.get(field, List.class);
        if (stored == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>(stored.size());
        stored.forEach(item -> out.add(read.apply((Document) item)));
        return out;
    }

    private static <V> Document map(Map<String, V> entries, Function<V, Object> write) {
        Document out = new Document();
        entries.forEach((key, value) -> out.put(key, write.apply(value)));
        return out;
    }

    private static <V> Map<String, V> mapOf(Document in, String field, Function<Object, V> read) {
        Document stored = in.get(field, Document.class);
        if (stored == null) {
            return Map.of();
        }
        Map<String, V> out = new HashMap<>(stored.size() * 2);
        stored.forEach((key, value) -> out.put(key, read.apply(value)));
        return out;
    }
}
