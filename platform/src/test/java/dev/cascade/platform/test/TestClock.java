package dev.cascade.platform.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class's static {@link java.time.Clock} field (one clock for every context of the class), or static
 * method without parameters (a new clock for every context), for instance a {@code MutableClock}: it is registered as
 * the context's clock before the context refreshes, the way the system test registers its own, so the service's clock
 * bean stands back. Found on the test class and its superclasses.
 */
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface TestClock {
}
