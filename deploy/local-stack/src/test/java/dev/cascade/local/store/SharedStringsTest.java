package dev.cascade.local.store;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Field names and short values the store keeps once, at any depth, within the bounds; the writes that bring them. */
class SharedStringsTest {

    /** A string equal to {@code s} but not the same instance, as the wire decoder makes one for every field. */
    private static String fresh(String s) {
        return new String(s.toCharArray());
    }

    private static Document report(String unit) {
        List<Object> values = new ArrayList<>();
        values.add(new Document(fresh("indicator"), fresh("GDNN_INTAKE_RATE")).append(fresh("value"), 42));
        values.add(List.of(fresh("OPEN"), fresh("x".repeat(40))));
        return new Document(fresh("_id"), fresh("r-" + unit)).append(fresh("unitCode"), fresh(unit))
                .append(fresh("status"), fresh("OPEN")).append(fresh("values"), values)
                .append(fresh("note"), fresh("a long text that nobody repeats word for word"));
    }

    @Test
    void twoDocumentsShareTheirFieldNamesAndShortValuesAtAnyDepth() {
        SharedStrings shared = new SharedStrings(1_000, 32);
        Document first = shared.share(report("10813"));
        Document second = shared.share(report("10813"));

        assertThat(second).isEqualTo(report("10813"));
        assertThat(List.copyOf(second.keySet())).containsExactly("_id", "unitCode", "status", "values", "note");
        for (int i = 0; i < 5; i++) {
            assertThat(List.copyOf(second.keySet()).get(i)).isSameAs(List.copyOf(first.keySet()).get(i));
        }
        assertThat(second.get("unitCode")).isSameAs(first.get("unitCode"));
        assertThat(second.get("status")).isSameAs(first.get("status"));
        Document firstValue = (Document) ((List<?>) first.get("values")).get(0);
        Document secondValue = (Document) ((List<?>) second.get("values")).get(0);
        assertThat(secondValue.keySet().iterator().next()).isSameAs(firstValue.keySet().iterator().next());
        assertThat(secondValue.get("indicator")).isSameAs(firstValue.get("indicator"));
        // in an immutable list: copied with the kept instance
        List<?> firstList = (List<?>) ((List<?>) first.get("values")).get(1);
        List<?> secondList = (List<?>) ((List<?>) second.get("values")).get(1);
        assertThat(secondList.get(0)).isSameAs(firstList.get(0)).isSameAs(first.get("status"));
        // longer than 32 characters: kept as it came
        assertThat(secondList.get(1)).isEqualTo(firstList.get(1)).isNotSameAs(firstList.get(1));
        assertThat(second.get("note")).isEqualTo(first.get("note")).isNotSameAs(first.get("note"));
    }

    @Test
    void pastItsBoundAStringIsKeptAsItCame() {
        SharedStrings shared = new SharedStrings(2, 32);
        String a = shared.of(fresh("a"));
        String b = shared.of(fresh("b"));
        assertThat(shared.of(fresh("a"))).isSameAs(a);
        assertThat(shared.of(fresh("b"))).isSameAs(b);
        String c = fresh("c");
        assertThat(shared.of(c)).isSameAs(c);
        assertThat(shared.of(fresh("c"))).isNotSameAs(c);
        assertThat(shared.size()).isEqualTo(2);
    }

    @Test
    void insertsUpdatesAndFindAndModifyBringTheKeptStrings() {
        String unitCode = SharedStrings.STORE.of("unitCode");
        String open = SharedStrings.STORE.of("OPEN");

        Document insert = new Document("insert", "obligations").append("documents",
                new ArrayList<>(List.of(new Document(fresh("unitCode"), fresh("OPEN")))));
        JournaledBackend.shareStrings("insert", insert);
        Document inserted = (Document) ((List<?>) insert.get("documents")).get(0);
        assertThat(inserted.keySet().iterator().next()).isSameAs(unitCode);
        assertThat(inserted.get("unitCode")).isSameAs(open);

        Document update = new Document("update", "obligations").append("updates", List.of(
                new Document("q", new Document("_id", "o1")).append("u",
                        new Document("$set", new Document(fresh("unitCode"), fresh("OPEN"))))));
        JournaledBackend.shareStrings("update", update);
        Document set = (Document) ((Document) ((Document) ((List<?>) update.get("updates")).get(0)).get("u"))
                .get("$set");
        assertThat(set.keySet().iterator().next()).isSameAs(unitCode);
        assertThat(set.get("unitCode")).isSameAs(open);

        Document findAndModify = new Document("findAndModify", "obligations").append("update",
                new Document(fresh("unitCode"), fresh("OPEN")));
        JournaledBackend.shareStrings("findAndModify", findAndModify);
        Document replacement = (Document) findAndModify.get("update");
        assertThat(replacement.keySet().iterator().next()).isSameAs(unitCode);
        assertThat(replacement.get("unitCode")).isSameAs(open);
    }
}
