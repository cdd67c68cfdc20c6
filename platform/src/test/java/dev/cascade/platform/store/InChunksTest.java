package dev.cascade.platform.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class InChunksTest {

    @Test
    void valuesAreHandedOnInOrderInChunksOfAtMostTheSize() {
        List<Integer> values = IntStream.range(0, 2 * InChunks.SIZE + 3).boxed().toList();
        List<List<Integer>> chunks = new ArrayList<>();

        InChunks.forEach(values, chunks::add);

        assertThat(chunks).extracting(List::size).containsExactly(InChunks.SIZE, InChunks.SIZE, 3);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(values);
    }

    @Test
    void noValuesNoQuery() {
        List<List<String>> chunks = new ArrayList<>();

        InChunks.forEach(List.<String>of(), chunks::add);

        assertThat(chunks).isEmpty();
    }
}
