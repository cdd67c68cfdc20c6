package dev.cascade.aggregation;

import dev.cascade.platform.json.StrictJson;
import dev.cascade.platform.security.CascadeSecurity;
import dev.cascade.platform.web.Problems;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.core.annotation.AliasFor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code @WebMvcTest} of the service's controllers without a broker or a store, with what the platform gives every web
 * service in production and a slice leaves out: the error model ({@link Problems}: {@code RefusalResponses} and the
 * problem {@code type}s), strict JSON reading ({@link StrictJson}) and the resource server with its access rules
 * ({@link CascadeSecurity}: requests need a token of the test issuer; the test provides a {@code UnitHierarchy},
 * e.g. {@link SliceUnits}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@ImportAutoConfiguration({StrictJson.class, Problems.class, CascadeSecurity.class})
public @interface AggregationWebSlice {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
