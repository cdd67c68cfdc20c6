package dev.cascade.plan;

/** The order of the start-up steps: catalogue, units, then the demo plan (which needs both). */
public final class StartupOrder {

    public static final int INDICATORS = 10;
    public static final int UNITS = 20;
    public static final int DEMO = 30;

    private StartupOrder() {
    }
}
