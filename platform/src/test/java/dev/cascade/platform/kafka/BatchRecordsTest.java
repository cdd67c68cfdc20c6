package dev.cascade.platform.kafka;

import dev.cascade.contracts.CloudEventHeaders;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/** A batch message split into its records: types accepted or skipped, positions kept, bad payloads dead-lettered. */
class BatchRecordsTest {

    final DeadLetterSender deadLetters = mock(DeadLetterSender.class);
    final BatchRecords records = new BatchRecords(deadLetters);
    final JsonMapper json = JsonMapper.builder().build();

    record Word(String text) {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Records of these types (a type as the binder hands it over: raw bytes) and payloads, keys k0, k1, … */
    static Message<List<byte[]>> batch(List<String> types, byte[]... payloads) {
        List<Map<String, Object>> headers = types.stream().map(type -> type == null ? Map.<String, Object>of()
                : Map.<String, Object>of(CloudEventHeaders.TYPE, utf8(type), "traceparent", utf8("00-ab-cd-01"),
                CloudEventHeaders.ID, "id-" + type)).toList();
        List<Object> keys = java.util.stream.IntStream.range(0, payloads.length).mapToObj(i -> (Object) ("k" + i))
                .toList();
        return MessageBuilder.withPayload(Arrays.asList(payloads))
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, headers)
                .setHeader(KafkaHeaders.RECEIVED_KEY, keys).build();
    }

    @Test
    void eachAcceptedRecordIsReadWithItsPositionAndTheOthersAreSkippedOrDeadLettered() {
        Message<List<byte[]>> batch = batch(Arrays.asList("word", "other", "word", "word", null, "word"),
                utf8("{\"text\":\"một\"}"), utf8("{\"text\":\"skipped\"}"), utf8("{\"text\":"), new byte[0],
                utf8("{}"), utf8("{\"text\":\"hai\"}"));

        List<String> read = records.read(batch, "platform.words", Set.of("word"), record -> record.index() + ":"
                + json.readValue(record.payload(), Word.class).text() + ":" + record.key() + ":" + record.topic()
                + ":" + record.header("traceparent"));

        assertThat(read).containsExactly("0:một:k0:platform.words:00-ab-cd-01", "5:hai:k5:platform.words:00-ab-cd-01");
        ArgumentCaptor<Exception> malformed = ArgumentCaptor.forClass(Exception.class);
        verify(deadLetters).sendEvent(eq("platform.words"), eq("k2"), eq("word"), eq(utf8("{\"text\":")), any(),
                malformed.capture());
        assertThat(malformed.getValue()).isInstanceOf(JacksonException.class);
        ArgumentCaptor<Exception> empty = ArgumentCaptor.forClass(Exception.class);
        verify(deadLetters).sendEvent(eq("platform.words"), eq("k3"), eq("word"), eq(new byte[0]), any(),
                empty.capture());
        assertThat(empty.getValue()).hasMessage("a word record without a payload");
        verifyNoMoreInteractions(deadLetters);
    }

    @Test
    void aRecordWithoutHeadersOrKeysIsSkippedAndAHeaderMayBeText() {
        Message<List<byte[]>> bare = MessageBuilder.withPayload(List.of(utf8("{}"))).build();
        assertThat(records.read(bare, "platform.words", Set.of("word"), record -> record)).isEmpty();

        BatchRecords.Record record = new BatchRecords.Record(0, "word", "t", null, utf8("{}"),
                Map.of("a", "text", "b", utf8("bytes")));
        assertThat(record.header("a")).isEqualTo("text");
        assertThat(record.header("b")).isEqualTo("bytes");
        assertThat(record.header("c")).isNull();
        verifyNoMoreInteractions(deadLetters);
    }
}
