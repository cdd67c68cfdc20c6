package dev.cascade.platform.store;

import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

/**
 * The pieces of a document written by hand (where Spring Data's mapping costs too much on a hot path), in the form
 * the mapping gives them: absent values left out, decimals as Decimal128, instants as dates, lists of embedded
 * documents in order. Shared by every such writer (the outbox's events, roll-ups, reports), so that they agree.
 */
public final class DocumentFields {

    private DocumentFields() {
    }

    /** Puts {@code value} under {@code field} unless it is {@code null} (the mapping leaves absent values out). */
    public static void putIfPresent(Document out, String field, Object value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    /** A decimal as the mapping stores it with the Decimal128 representation; {@code null} stays {@code null}. */
    public static Decimal128 decimal(BigDecimal value) {
        return value == null ? null : new Decimal128(value);
    }

    /** An instant as a BSON date (millisecond precision); {@code null} stays {@code null}. */
    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    /** Each item written by {@code write}, in order. */
    public static <T> List<Document> list(List<T> items, Function<T, Document> write) {
        List<Document> out = new ArrayList<>(items.size());
        items.forEach(item -> out.add(write.apply(item)));
        return out;
    }
}
