package dev.cascade.aggregation.query;

import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.TestIssuer;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The live feed's caps: at most 2 open streams per user and 3 per instance here; over a cap a 429 problem of type
 * {@code too-many-streams} and no subscription; a stream that ends (completed, timed out, failed: the servlet
 * container's async events, as it fires them when a stream ends, its timeout passes or the client goes away)
 * releases its slot; a refused token takes none.
 */
@TestPropertySource(properties = {"cascade.aggregation.feed.max-streams-per-user=2",
        "cascade.aggregation.feed.max-streams=3", "cascade.aggregation.feed.heartbeat=PT1H"})
class FeedStreamsTest extends AggregateControllerSlice {

    static final TestIssuer ISSUER = TestIssuer.shared();
    static final String ANNA = ISSUER.bearer("viewer-30", "30", Role.VIEWER);
    static final String BINH = ISSUER.bearer("reviewer-30", "30", Role.REVIEWER);
    static final String CHAU = ISSUER.bearer("viewer-BGDDT", "BGDDT", Role.VIEWER);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    FeedStreams streams;

    final List<MvcResult> opened = new ArrayList<>();

    @BeforeEach
    void subscriptionsSucceed() {
        when(changes.subscribe(any())).thenReturn(() -> { });
    }

    MvcResult feed(String token, String unit) throws Exception {
        var request = get("/aggregates/{p}/{period}/{u}/feed", "HD-GDNN-ANNUAL", "2024", unit)
                .accept(MediaType.TEXT_EVENT_STREAM);
        MvcResult result = mvc.perform(token == null ? request : request.header("Authorization", token)).andReturn();
        if (result.getRequest().isAsyncStarted()) {
            opened.add(result);
        }
        return result;
    }

    static void end(MvcResult stream, String how) throws IOException {
        MockAsyncContext context = (MockAsyncContext) stream.getRequest().getAsyncContext();
        for (AsyncListener listener : List.copyOf(context.getListeners())) {
            switch (how) {
                case "timeout" -> listener.onTimeout(new AsyncEvent(context));
                case "error" -> listener.onError(new AsyncEvent(context, new IOException("Broken pipe")));
                default -> listener.onComplete(new AsyncEvent(context));
            }
        }
    }

    static JsonNode problem(MvcResult result) throws Exception {
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        return JSON.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void overTheUsersCapTheAnswerIs429AndEndedStreamsGiveTheirSlotsBack() throws Exception {
        MvcResult first = feed(ANNA, "294");
        MvcResult second = feed(ANNA, "30");
        assertThat(first.getResponse().getStatus()).isEqualTo(200);
        assertThat(first.getRequest().isAsyncStarted()).isTrue();
        assertThat(second.getRequest().isAsyncStarted()).isTrue();
        assertThat(streams.openOf("viewer-30")).isEqualTo(2);

        MvcResult third = feed(ANNA, "295");
        assertThat(third.getResponse().getStatus()).isEqualTo(429);
        assertThat(third.getRequest().isAsyncStarted()).isFalse();
        assertThat(third.getResponse().getHeader("Retry-After")).isEqualTo("30");
        JsonNode problem = problem(third);
        assertThat(problem.path("type").asString()).isEqualTo("urn:cascade:problem:too-many-streams");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("limit").asInt()).isEqualTo(2);
        assertThat(problem.path("detail").asString()).contains("max-streams-per-user");
        assertThat(streams.openOf("viewer-30")).isEqualTo(2);
        assertThat(streams.open()).isEqualTo(2);

        // another user still may
        assertThat(feed(BINH, "294").getRequest().isAsyncStarted()).isTrue();
        assertThat(streams.open()).isEqualTo(3);

        // a stream that timed out gives its slot back, once (the completion that follows changes nothing)
        end(first, "timeout");
        end(first, "complete");
        assertThat(streams.openOf("viewer-30")).isEqualTo(1);
        assertThat(streams.open()).isEqualTo(2);
        assertThat(feed(ANNA, "295").getRequest().isAsyncStarted()).isTrue();

        // one that failed (the client went away) and one that completed do too
        end(second, "error");
        assertThat(streams.openOf("viewer-30")).isEqualTo(1);
        end(opened.get(2), "complete");
        assertThat(streams.openOf("reviewer-30")).isZero();
        assertThat(streams.open()).isEqualTo(1);
        opened.subList(3, opened.size()).forEach(stream -> {
            try {
                end(stream, "complete");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(streams.open()).isZero();
    }

    @Test
    void overTheInstancesCapTheAnswerIs429ForEveryone() throws Exception {
        feed(ANNA, "294");
        feed(ANNA, "30");
        feed(BINH, "294");
        assertThat(streams.open()).isEqualTo(3);

        MvcResult refused = feed(CHAU, "BGDDT");
        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        JsonNode problem = problem(refused);
        assertThat(problem.path("type").asString()).isEqualTo("urn:cascade:problem:too-many-streams");
        assertThat(problem.path("limit").asInt()).isEqualTo(3);
        assertThat(problem.path("detail").asString()).contains("max-streams");
        assertThat(streams.openOf("viewer-BGDDT")).isZero();

        end(opened.get(0), "error");
        assertThat(feed(CHAU, "BGDDT").getRequest().isAsyncStarted()).isTrue();
        for (MvcResult stream : opened.subList(1, opened.size())) {
            end(stream, "timeout");
        }
        assertThat(streams.open()).isZero();
    }

    @Test
    void aRefusedTokenOpensNoStreamAndSubscribesNothing() throws Exception {
        MvcResult anonymous = feed(null, "294");
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(401);
        assertThat(anonymous.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer");

        MvcResult sibling = feed(ISSUER.bearer("viewer-295", "295", Role.VIEWER), "294");
        assertThat(sibling.getResponse().getStatus()).isEqualTo(403);
        assertThat(problem(sibling).path("rule").asString())
                .isEqualTo("any role of unit 294, or REVIEWER or VIEWER of a unit above it");

        MvcResult planner = feed(ISSUER.bearer("planner-30", "30", Role.PLANNER), "294");
        assertThat(planner.getResponse().getStatus()).isEqualTo(403);

        assertThat(streams.open()).isZero();
        verify(changes, never()).subscribe(any());
    }
}
