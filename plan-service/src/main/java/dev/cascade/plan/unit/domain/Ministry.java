package dev.cascade.plan.unit.domain;

/** The root of every hierarchy: the Ministry of Education and Training (state manager of vocational education since 1 March 2025). */
public final class Ministry {

    public static final String CODE = "BGDDT";
    public static final String NAME = "Bộ Giáo dục và Đào tạo";
    public static final String TYPE = "Bộ";

    private Ministry() {
    }
}
