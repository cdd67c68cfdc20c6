package dev.cascade.benchmark;

/** A reporting commune of the 2025-03 list and the province it lies in (the walk from BGDDT found it there). */
record Commune(String code, String districtCode, String provinceCode) {
}
