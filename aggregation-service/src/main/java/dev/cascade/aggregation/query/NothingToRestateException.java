package dev.cascade.aggregation.query;

import dev.cascade.contracts.AggregateKey;

import java.util.List;

/** Restatement applies to the key, but none of the unit's predecessors has figures or expected reporters then. */
final class NothingToRestateException extends RuntimeException {

    final AggregateKey key;
    final List<String> predecessors;

    NothingToRestateException(AggregateKey key, List<String> predecessors) {
        super("nothing to restate for " + key);
        this.key = key;
        this.predecessors = List.copyOf(predecessors);
    }
}
