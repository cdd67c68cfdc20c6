package dev.cascade.benchmark;

/** A catalogued indicator as {@code GET /indicators} describes it: a count (SUM) or a ratio (RATIO_OF_SUMS). */
record Indicator(String code, boolean ratio) {
}
