package dev.cascade.platform.test;

import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/**
 * Spring Data's mapping as Spring Boot sets it up for a service without conversions of its own: the reference that a
 * document written by hand is compared with.
 */
public final class SpringDataMapping {

    /** Extended JSON names every BSON type: an int32 where the mapping wrote an int64 is a difference. */
    public static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private SpringDataMapping() {
    }

    public static MappingMongoConverter converter() {
        MongoCustomConversions conversions = MongoCustomConversions.create(adapter -> {
        });
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        return converter;
    }
}
