package dev.cascade.platform.architecture.planted.feature;

import dev.cascade.platform.architecture.planted.store.Things;

/** A planted violation: a feature that reads another feature's collection. */
public class Nosy {

    public String peek() {
        return Things.COLLECTION;
    }
}
