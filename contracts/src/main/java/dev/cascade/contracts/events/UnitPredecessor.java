package dev.cascade.contracts.events;

import java.util.Objects;

/**
 * A unit that the successor was formed from when its latest placement began, e.g. for Thành phố Hải Phòng (31) from
 * 1 July 2025: {@code 30} (Tỉnh Hải Dương) and {@code 31} (the old Thành phố Hải Phòng), both {@code FULL}.
 *
 * @param code the predecessor's unit code (it may equal the successor's own code: a code that continues)
 * @param kind whether the whole predecessor or only a part of it went into the successor
 */
public record UnitPredecessor(String code, PredecessorKind kind) {

    public UnitPredecessor {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(kind, "kind");
    }
}
