package dev.cascade.plan.schedule;

import java.util.Objects;

/** A period of an ad-hoc (đột xuất) programme, requested with its own id and cut-off window. */
public record AdHocPeriod(String id, CutOffWindow window) {

    public AdHocPeriod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(window, "window");
    }
}
