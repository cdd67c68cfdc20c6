package dev.cascade.notification.obligation;

/** The reminders Cascade knows, each on a day counted from the deadline, to the unit itself or to its parent. */
public enum ReminderKind {
    REMINDER_7_DAYS_BEFORE(-7, Audience.UNIT),
    REMINDER_3_DAYS_BEFORE(-3, Audience.UNIT),
    REMINDER_1_DAY_BEFORE(-1, Audience.UNIT),
    REMINDER_DUE_TODAY(0, Audience.UNIT),
    OVERDUE_1_DAY(1, Audience.UNIT),
    ESCALATION_3_DAYS_OVERDUE(3, Audience.PARENT);

    /** Who is told. */
    public enum Audience {
        /** the staff of the unit that owes the report */
        UNIT,
        /** the staff of the unit it reports to, so that they chase it */
        PARENT
    }

    private final int daysAfterDeadline;
    private final Audience audience;

    ReminderKind(int daysAfterDeadline, Audience audience) {
        this.daysAfterDeadline = daysAfterDeadline;
        this.audience = audience;
    }

    /** Negative before the deadline, 0 on the deadline day, positive once overdue. */
    public int daysAfterDeadline() {
        return daysAfterDeadline;
    }

    public Audience audience() {
        return audience;
    }
}
