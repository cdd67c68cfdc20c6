package dev.cascade.plan.indicator;

import lombok.RequiredArgsConstructor;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.plan.indicator.domain.Indicator;
import dev.cascade.plan.indicator.domain.IndicatorDirectory;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The indicator catalogue: bundled as {@code indicators/catalogue.json}, loaded into the {@code indicators}
 * collection ({@code _id} = code) at start-up, read from there.
 */
@Component
@RequiredArgsConstructor
public class IndicatorCatalogue implements IndicatorDirectory {

    static final String RESOURCE = "indicators/catalogue.json";
    static final String COLLECTION = "indicators";
    private static final Logger log = LoggerFactory.getLogger(IndicatorCatalogue.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;

    /** The bundled catalogue. */
    public List<Indicator> bundled() {
        try (InputStream in = IndicatorCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return json.readValue(in, new TypeReference<List<Indicator>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores the bundled indicators that are missing or differ.
     *
     * @return how many were written
     */
    public int load() {
        int written = 0;
        for (Indicator indicator : bundled()) {
            Document wanted = document(indicator);
            Document current = collection().find(Filters.eq("_id", indicator.code())).first();
            if (!wanted.equals(current)) {
                collection().replaceOne(Filters.eq("_id", indicator.code()), wanted, new ReplaceOptions().upsert(true));
                written++;
            }
        }
        log.info("indicator catalogue loaded: {} written", written);
        return written;
    }

    /** Adds an indicator that is not in the catalogue yet; {@code false} if its code is taken. */
    public boolean add(Indicator indicator) {
        try {
            collection().insertOne(document(indicator));
            return true;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public List<Indicator> all() {
        List<Indicator> all = new ArrayList<>();
        collection().find().forEach(d -> all.add(indicator(d)));
        all.sort((a, b) -> a.code().compareTo(b.code()));
        return all;
    }

    @Override
    public Optional<Indicator> find(String code) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", code)).first()).map(IndicatorCatalogue::indicator);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static Document document(Indicator i) {
        return new Document("_id", i.code())
                .append("name", i.name())
                .append("unitOfMeasure", i.unitOfMeasure())
                .append("kind", i.kind().name())
                .append("aggregation", i.aggregation().name())
                .append("numeratorLabel", i.numeratorLabel())
                .append("denominatorLabel", i.denominatorLabel())
                .append("countNature", i.countNature() == null ? null : i.countNature().name());
    }

    private static Indicator indicator(Document d) {
        String nature = d.getString("countNature");
        return new Indicator(d.getString("_id"), d.getString("name"), d.getString("unitOfMeasure"),
                IndicatorKind.valueOf(d.getString("kind")), AggregationRule.valueOf(d.getString("aggregation")),
                d.getString("numeratorLabel"), d.getString("denominatorLabel"),
                Objects.isNull(nature) ? null : Indicator.CountNature.valueOf(nature));
    }
}
