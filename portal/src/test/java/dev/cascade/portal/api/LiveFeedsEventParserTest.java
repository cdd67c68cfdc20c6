package dev.cascade.portal.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The text/event-stream reader behind the live feeds. */
class LiveFeedsEventParserTest {

    private final List<String> events = new ArrayList<>();
    private final LiveFeeds.EventParser parser = new LiveFeeds.EventParser("aggregate", events::add);

    @Test
    void joinsTheDataLinesOfAnEventWithNewlines() {
        feed("event: aggregate", "data: {\"version\": 42,", "data:\"unit\": \"108\"}", "");

        assertThat(events).containsExactly("{\"version\": 42,\n\"unit\": \"108\"}");
    }

    @Test
    void passesOnlyTheWantedEventsAndForgetsTheNameAfterEach() {
        feed("event: heartbeat", "data: ping", "",
                "event:aggregate", "data: 1", "",
                "data: 2", "",                       // no name: a "message", not wanted
                "event: aggregate", "data: 3", "");

        assertThat(events).containsExactly("1", "3");
    }

    @Test
    void ignoresCommentsIdsRetriesAndEventsWithoutData() {
        feed(": keep-alive", "",
                "event: aggregate", ": a comment inside", "id: 17", "retry: 3000", "data: x", "",
                "event: aggregate", "",
                "", "");

        assertThat(events).containsExactly("x");
    }

    @Test
    void nothingIsPassedOnBeforeTheBlankLineThatEndsTheEvent() {
        feed("event: aggregate", "data: half");

        assertThat(events).isEmpty();
        feed("");
        assertThat(events).containsExactly("half");
    }

    @Test
    void unnamedEventsAreWhatAMessageParserWants() {
        List<String> messages = new ArrayList<>();
        LiveFeeds.EventParser plain = new LiveFeeds.EventParser("message", messages::add);
        for (String line : List.of("data: a", "", "event: notification", "data: b", "", "data: c", "")) {
            plain.line(line);
        }

        assertThat(messages).containsExactly("a", "c");
    }

    private void feed(String... lines) {
        for (String line : lines) {
            parser.line(line);
        }
    }
}
