package dev.cascade.aggregation.rollup.engine;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The store of {@link ParkedInput}s. */
@Component
class ParkedInputs {

    private final MongoTemplate mongo;
    private final Clock clock;

    ParkedInputs(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Parks inputs, each with the reason it cannot apply yet, in one round trip; an input parked before is parked
     * again (its time and reason renewed). A replay from offset 0 parks every report read before its plan: one write
     * each would cost a round trip per report.
     */
    void parkAll(Map<InboundContribution, String> reasons) {
        if (reasons.isEmpty()) {
            return;
        }
        Map<String, ParkedInput> byId = new LinkedHashMap<>(); // one write per id: the last delivery's
        reasons.forEach((input, reason) -> byId.put(input.id(), new ParkedInput(input.id(), input.type(), input.topic(),
                input.key(), new String(input.payload(), StandardCharsets.UTF_8), reason, clock.instant())));
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ParkedInput.class);
        byId.values().forEach(p -> writes.replaceOne(query(where("_id").is(p.id())), p,
                FindAndReplaceOptions.options().upsert()));
        writes.execute();
    }

    /**
     * Up to {@code limit} parked inputs in id order, those after {@code afterId} ({@code null}: from the first). A
     * replay from offset 0 can park tens of thousands of inputs (30,201 seen, 64 MB): read at once they exceeded the
     * store's largest reply and would hold the heap; read in pages they do neither.
     */
    List<ParkedInput> page(String afterId, int limit) {
        Query page = new Query().with(Sort.by(Sort.Direction.ASC, "_id")).limit(limit);
        if (afterId != null) {
            page.addCriteria(where("_id").gt(afterId));
        }
        return mongo.find(page, ParkedInput.class);
    }

    long count() {
        return mongo.count(new Query(), ParkedInput.class);
    }

    /**
     * Removes parked inputs in one round trip, each unless it was parked again since (then it stays for the next
     * attempt).
     */
    void removeAll(List<ParkedInput> parked) {
        if (parked.isEmpty()) {
            return;
        }
        mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ParkedInput.class)
                .remove(parked.stream().map(p -> query(where("_id").is(p.id()).and("parkedAt").is(p.parkedAt())))
                        .toList())
                .execute();
    }
}
