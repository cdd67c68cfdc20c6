package dev.cascade.report.submission;

/**
 * Who makes a request: the unit they act for ({@code X-Cascade-Unit}) and the person ({@code X-Cascade-User}).
 * Both headers are optional until authentication arrives: without {@code X-Cascade-Unit} a request is taken as
 * acting for whichever unit it names (as before), so the unit checks only apply when the header is sent.
 */
public record Actor(String unitCode, String user) {

    public static final String UNIT_HEADER = "X-Cascade-Unit";
    public static final String USER_HEADER = "X-Cascade-User";

    public static Actor of(String unitCode, String user) {
        return new Actor(blankToNull(unitCode), blankToNull(user));
    }

    /** Whether the caller declared the unit it acts for. */
    public boolean actsForAUnit() {
        return unitCode != null;
    }

    /** True when the caller did not declare a unit or declared exactly {@code unit}. */
    public boolean mayActFor(String unit) {
        return unitCode == null || unitCode.equals(unit);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
