package dev.cascade.plan.schedule;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The days whose data a periodic report covers (Decree 09/2019/NĐ-CP Art. 12), both ends inclusive.
 */
public record CutOffWindow(LocalDate start, LocalDate end) {

    public CutOffWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("cut-off window ends before it starts: " + start + ".." + end);
        }
    }

    /** Annual report of {@code year}: 15 December of the previous year to 14 December of the year. */
    public static CutOffWindow annual(int year) {
        return new CutOffWindow(LocalDate.of(year - 1, 12, 15), LocalDate.of(year, 12, 14));
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }
}
