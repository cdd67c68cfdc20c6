package dev.cascade.contracts.events;

/** Reporting frequencies of Decree 09/2019/ND-CP, plus the 5- and 10-year reviews of a plan. */
public enum Frequency {
    MONTHLY, QUARTERLY, SIX_MONTHLY, NINE_MONTHLY, ANNUAL, AD_HOC, INTERIM_REVIEW_5Y, FINAL_REVIEW_10Y
}
