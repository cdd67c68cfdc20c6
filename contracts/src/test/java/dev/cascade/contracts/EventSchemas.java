package dev.cascade.contracts;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.Set;

/**
 * The JSON Schemas of {@code contracts/src/main/resources/schemas}, loaded from the classpath only: their {@code $id}s
 * ({@value #BASE}...) map to {@code classpath:schemas/}, the 2020-12 meta-schema comes from the validator's jar, and
 * any other http(s) fetch fails instead of going to the network. Format assertions (date, date-time) are on.
 */
final class EventSchemas {

    static final String BASE = "https://cascade.dev/schemas/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder
                    .schemaMappers(mappers -> mappers.mapPrefix(BASE, "classpath:schemas/"))
                    .schemaLoaders(loaders -> loaders.values(list -> list.add(0, iri -> {
                        String uri = iri.toString();
                        if (uri.startsWith("http:") || uri.startsWith("https:")) {
                            throw new IllegalStateException("schema " + uri + " is not on the classpath; no network");
                        }
                        return null;
                    }))));

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private EventSchemas() {
    }

    /** The classpath resource of an event type's schema. */
    static String resource(String eventType) {
        return "schemas/" + eventType + ".schema.json";
    }

    static JsonSchema of(String eventType) {
        return at(BASE + eventType + ".schema.json");
    }

    static JsonSchema at(String uri) {
        return FACTORY.getSchema(SchemaLocation.of(uri), CONFIG);
    }

    static Set<ValidationMessage> validate(String eventType, String json) {
        return of(eventType).validate(json, InputFormat.JSON);
    }
}
