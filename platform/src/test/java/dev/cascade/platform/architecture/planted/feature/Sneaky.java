package dev.cascade.platform.architecture.planted.feature;

import java.util.function.BiFunction;

/** A planted violation: a feature that passes another feature's collection, by name, to a store call. */
public class Sneaky {

    public long count(BiFunction<String, String, Long> store) {
        return store.apply("{}", "things");
    }
}
