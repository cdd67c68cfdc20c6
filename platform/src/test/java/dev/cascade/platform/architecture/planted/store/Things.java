package dev.cascade.platform.architecture.planted.store;

/** The store of a planted feature: it owns the collection {@value #COLLECTION}. */
public final class Things {

    public static final String COLLECTION = "things";

    private Things() {
    }
}
