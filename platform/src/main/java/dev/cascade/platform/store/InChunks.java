package dev.cascade.platform.store;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The values of an {@code _id $in} query, split into queries of at most {@link #SIZE}. The local stack's embedded
 * store finds such a query's documents by the {@code _id} index, then checks each one found against the whole list:
 * n ids cost about n² comparisons, under the collection's lock. A national plan's 10,047 units read in one query took
 * 4.3 to 4.6 s there and held up every other read of the collection meanwhile. On MongoDB each chunk is one more round
 * trip, a few for the largest reads.
 */
public final class InChunks {

    /** Values per query. */
    public static final int SIZE = 250;

    private InChunks() {
    }

    /** Hands {@code values} to {@code query} in chunks of at most {@link #SIZE}, in their order; nothing when empty. */
    public static <T> void forEach(Collection<T> values, Consumer<List<T>> query) {
        List<T> list = List.copyOf(values);
        for (int from = 0; from < list.size(); from += SIZE) {
            query.accept(list.subList(from, Math.min(list.size(), from + SIZE)));
        }
    }
}
