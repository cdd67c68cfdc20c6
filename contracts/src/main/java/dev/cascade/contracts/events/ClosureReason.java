package dev.cascade.contracts.events;

/** Why an obligation was closed without a report. */
public enum ClosureReason {
    /** An amendment of the plan removed the unit from the reporters ("không còn phải báo cáo"). */
    NO_LONGER_REQUIRED,
    /** The plan was revoked ("kế hoạch đã bị bãi bỏ"). */
    PLAN_REVOKED
}
