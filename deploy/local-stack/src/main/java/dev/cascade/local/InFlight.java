package dev.cascade.local;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

import java.util.List;

/**
 * What a check of the services' stores found still in flight (outboxes and leases of report-service, parked inputs
 * and unsent roll-up events of aggregation-service, deliveries not yet sent or published of notification-service):
 * all zero once the stack has settled.
 */
public record InFlight(long reportOutboxes, long reportLeases, long parkedInputs, long pendingRollUps,
                       long deliveriesSending, long deliveriesUnpublished) {

    public boolean none() {
        return reportOutboxes == 0 && reportLeases == 0 && parkedInputs == 0 && pendingRollUps == 0
                && deliveriesSending == 0 && deliveriesUnpublished == 0;
    }

    /** Reads the services' databases in the store at {@code mongoUri}. */
    static InFlight read(String mongoUri) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            long outboxes = 0;
            long leases = 0;
            for (String collection : List.of("reports", "obligations")) {
                for (Document document : client.getDatabase("cascade-report").getCollection(collection).find()) {
                    Object events = document.get("outbox");
                    if (events instanceof List<?> list && !list.isEmpty()) {
                        outboxes++;
                    }
                    if (document.get("outboxLease") != null) {
                        leases++;
                    }
                }
            }
            var aggregation = client.getDatabase("cascade-aggregation");
            long parked = aggregation.getCollection("parked_inputs").countDocuments();
            long pending = aggregation.getCollection("rollups").countDocuments(new Document("hasPending", true));
            var deliveries = client.getDatabase("cascade-notification").getCollection("deliveries");
            long sending = deliveries.countDocuments(new Document("state", "SENDING"));
            long unpublished = deliveries.countDocuments(new Document("state", "SENT").append("published", false));
            return new InFlight(outboxes, leases, parked, pending, sending, unpublished);
        }
    }
}
