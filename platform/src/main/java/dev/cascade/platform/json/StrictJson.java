package dev.cascade.platform.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Every service reads JSON strictly, request bodies and consumed events alike: a number is never taken from a string
 * nor a string from a number or a boolean, a fraction is never cut to a whole number, a key given twice in one object is refused, anything after the document is
 * refused, and a string holding half of a UTF-16 surrogate pair (a lone {@code \ud800}) is refused instead of being
 * stored as U+FFFD. Each refusal is a {@link tools.jackson.core.JacksonException} carrying the path of the field, which
 * the error model turns into a 400 naming it.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer cascadeStrictJson() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new SimpleModule("cascade-strict-strings")
                        .addDeserializer(String.class, new WellFormedStrings()));
    }
}
