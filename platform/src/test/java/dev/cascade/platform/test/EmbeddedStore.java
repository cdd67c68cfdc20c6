package dev.cascade.platform.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points the test's context at the embedded MongoDB-wire server shared by the test JVM ({@code spring.mongodb.uri},
 * ahead of every other source; {@code CASCADE_MONGODB_URI} names a real MongoDB instead). Tests keep apart by
 * database name.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface EmbeddedStore {
}
