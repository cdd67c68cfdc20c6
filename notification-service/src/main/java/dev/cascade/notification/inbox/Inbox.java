package dev.cascade.notification.inbox;

import dev.cascade.platform.store.Counts;
import dev.cascade.platform.store.StoreIndexes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The in-app inboxes: one document per (notification, user). */
@Component
public class Inbox {

    static final String COLLECTION = "inbox";

    private final MongoTemplate mongo;

    public Inbox(MongoTemplate mongo) {
        this.mongo = mongo;
        StoreIndexes.create(COLLECTION, () -> {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("user", Sort.Direction.ASC)
                    .on("createdAt", Sort.Direction.DESC).named("by_user"));
        });
    }

    /** Adds the item; false if it was there already (the same notification delivered again). */
    public boolean add(InboxItem item) {
        try {
            mongo.insert(item, COLLECTION);
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /** The user's items, newest first; only the unread ones if {@code unreadOnly}. */
    public List<InboxItem> of(String user, boolean unreadOnly) {
        Query q = query(where("user").is(user));
        if (unreadOnly) {
            q.addCriteria(where("readAt").is(null));
        }
        return mongo.find(q.with(Sort.by(Sort.Direction.DESC, "createdAt", "_id")), InboxItem.class, COLLECTION);
    }

    /** The user's newest {@code limit} items, newest first. */
    public List<InboxItem> recent(String user, int limit) {
        return mongo.find(query(where("user").is(user)).with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"))
                .limit(limit), InboxItem.class, COLLECTION);
    }

    public long unread(String user) {
        return Counts.matching(mongo, query(where("user").is(user).and("readAt").is(null)), COLLECTION);
    }

    /** Marks one of the user's items read (at {@code now}) or unread; empty when the user has no such item. */
    public Optional<InboxItem> mark(String user, String id, boolean read, Instant now) {
        Update update = read ? new Update().set("readAt", now) : new Update().unset("readAt");
        Query q = query(where("_id").is(id).and("user").is(user));
        if (read) {
            // keep the first reading time
            InboxItem current = mongo.findOne(q, InboxItem.class, COLLECTION);
            if (current != null && current.read()) {
                return Optional.of(current);
            }
        }
        return Optional.ofNullable(mongo.findAndModify(q, update, FindAndModifyOptions.options().returnNew(true),
                InboxItem.class, COLLECTION));
    }
}
