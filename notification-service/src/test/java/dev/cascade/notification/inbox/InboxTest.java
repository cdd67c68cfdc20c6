package dev.cascade.notification.inbox;

import dev.cascade.notification.NotificationSlices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-app inboxes against the embedded store: one item per notification and user, read and unread. */
@Import(Inbox.class)
class InboxTest extends NotificationSlices.Store {

    static final Instant NOW = Instant.parse("2024-12-07T01:00:00Z");

    @Autowired
    Inbox inbox;

    static final String LINK = "https://cascade.example/obligations/HD-GDNN-ANNUAL/2024/10813";

    static InboxItem item(String id, String user, Instant createdAt) {
        return new InboxItem(id, user, "REMINDER_DUE_TODAY", "10813", "HD-GDNN-ANNUAL|2024|10813", "10813",
                "HD-GDNN-ANNUAL", "2024", "subject " + id, "text", LINK, createdAt, null);
    }

    @Test
    void anItemKeepsItsLinkAndOneStoredBeforeItemsHadLinksReadsWithoutOne() {
        inbox.add(item("n-1", "an", NOW));
        // as an earlier version stored it: every field but the link
        mongo.getCollection(Inbox.COLLECTION).insertOne(new org.bson.Document("_id", "n-0").append("user", "an")
                .append("kind", "REMINDER_DUE_TODAY").append("unitCode", "10813")
                .append("obligationId", "HD-GDNN-ANNUAL|2024|10813").append("obligationUnitCode", "10813")
                .append("programme", "HD-GDNN-ANNUAL").append("period", "2024").append("subject", "subject n-0")
                .append("text", "text").append("createdAt", java.util.Date.from(NOW.minusSeconds(60))));

        assertThat(inbox.of("an", false)).extracting(InboxItem::id, InboxItem::link)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("n-1", LINK),
                        org.assertj.core.groups.Tuple.tuple("n-0", null));
        assertThat(inbox.mark("an", "n-0", true, NOW)).get().extracting(InboxItem::link, InboxItem::subject)
                .containsExactly(null, "subject n-0");
    }

    @Test
    void theSameNotificationIsOneItemAndAUsersItemsComeNewestFirst() {
        assertThat(inbox.add(item("n-1", "an", NOW))).isTrue();
        assertThat(inbox.add(item("n-1", "an", NOW.plusSeconds(5)))).as("delivered again").isFalse();
        inbox.add(item("n-3", "an", NOW.plusSeconds(120)));
        inbox.add(item("n-2", "an", NOW.plusSeconds(60)));
        inbox.add(item("n-9", "binh", NOW.plusSeconds(90)));

        assertThat(inbox.of("an", false)).extracting(InboxItem::id).containsExactly("n-3", "n-2", "n-1");
        assertThat(inbox.of("an", false).get(2).createdAt()).isEqualTo(NOW);
        assertThat(inbox.recent("an", 2)).extracting(InboxItem::id).containsExactly("n-3", "n-2");
        assertThat(inbox.of("chi", false)).isEmpty();
    }

    @Test
    void readingKeepsTheFirstReadingTimeAndUnreadClearsIt() {
        inbox.add(item("n-1", "an", NOW));
        inbox.add(item("n-2", "an", NOW.plusSeconds(60)));

        assertThat(inbox.mark("an", "n-1", true, NOW.plusSeconds(300))).get().extracting(InboxItem::readAt)
                .isEqualTo(NOW.plusSeconds(300));
        assertThat(inbox.mark("an", "n-1", true, NOW.plusSeconds(900))).get().extracting(InboxItem::readAt)
                .isEqualTo(NOW.plusSeconds(300));
        assertThat(inbox.unread("an")).isEqualTo(1);
        assertThat(inbox.of("an", true)).extracting(InboxItem::id).containsExactly("n-2");

        assertThat(inbox.mark("an", "n-1", false, NOW.plusSeconds(1000))).get().extracting(InboxItem::readAt)
                .isNull();
        assertThat(inbox.unread("an")).isEqualTo(2);
    }

    @Test
    void nobodyMarksAnotherUsersItem() {
        inbox.add(item("n-1", "an", NOW));

        assertThat(inbox.mark("binh", "n-1", true, NOW)).isEmpty();
        assertThat(inbox.mark("an", "n-404", true, NOW)).isEmpty();
        assertThat(inbox.unread("an")).isEqualTo(1);
    }
}
