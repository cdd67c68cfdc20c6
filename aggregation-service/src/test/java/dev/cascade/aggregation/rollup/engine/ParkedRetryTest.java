package dev.cascade.aggregation.rollup.engine;

import dev.cascade.platform.concurrent.Workers;
import dev.cascade.aggregation.UnusableEventException;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * One pass over the parked inputs at a time: a pass asked for while another runs is run by that one after it, never
 * beside it (the plan consumer and the periodic job used to apply the same parked inputs side by side). A page's
 * applied inputs are removed in one write.
 */
class ParkedRetryTest {

    final ParkedInputs parked = mock(ParkedInputs.class);
    final InputRouter router = mock(InputRouter.class);
    final RollUpEngine engine = mock(RollUpEngine.class);
    final DeadLetters deadLetters = mock(DeadLetters.class);
    final Workers workers = new Workers("parked-retry-test-", 2);
    final ParkedRetry retry = new ParkedRetry(parked, router, engine, deadLetters, JsonMapper.builder().build(),
            workers);

    @AfterEach
    void stopWorkers() {
        workers.close();
    }

    @Test
    void eachCallOnAnIdleRetryRunsOnePassOfItsOwn() {
        when(parked.page(any(), eq(ParkedRetry.PAGE))).thenReturn(List.of());

        retry.run();
        retry.run();

        verify(parked, times(2)).page(null, ParkedRetry.PAGE);
    }

    @Test
    void aPassAskedForWhileOneRunsIsRunAfterItByTheRunningThreadNotBesideIt() throws Exception {
        CountDownLatch firstPassReading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        when(parked.page(any(), eq(ParkedRetry.PAGE))).thenAnswer(call -> {
            if (firstPassReading.getCount() > 0) {
                firstPassReading.countDown();
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            }
            return List.of();
        }).thenReturn(List.of());
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(retry::run);
        assertThat(firstPassReading.await(10, TimeUnit.SECONDS)).isTrue();

        int askedMeanwhile = retry.run();   // returns at once: the running pass will run it
        verify(parked, times(1)).page(null, ParkedRetry.PAGE);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(askedMeanwhile).isZero();
        verify(parked, times(2)).page(null, ParkedRetry.PAGE);
    }

    @Test
    void aPageRemovesTheInputsOfItsAppliedRollUpsTogetherAndLeavesThoseOfAFailedOneParked() {
        ParkedInput a = parkedInput("a");
        ParkedInput b = parkedInput("b");
        ParkedInput c = parkedInput("c");
        ParkedInput unusable = parkedInput("d");
        when(parked.page(any(), eq(ParkedRetry.PAGE))).thenReturn(List.of(a, b, c, unusable));
        AggregateKey applies = AggregateKey.parse("P|2024|294");
        AggregateKey fails = AggregateKey.parse("P|2024|288");
        when(router.route(any(), any())).thenAnswer(call -> switch (((InboundContribution) call.getArgument(0)).key()) {
            case "a", "b" -> new InputRouter.Routed(applies, null);
            case "c" -> new InputRouter.Routed(fails, null);
            default -> throw new UnusableEventException("out of range (test)");
        });
        when(engine.contributeAll(eq(applies), any(), any())).thenReturn(Optional.empty());
        when(engine.contributeAll(eq(fails), any(), any())).thenThrow(new IllegalStateException("store gone (test)"));

        assertThatThrownBy(retry::run).hasMessageContaining("store gone (test)");

        verify(deadLetters).send(any(), any(UnusableEventException.class));
        verify(parked).removeAll(List.of(unusable));
        verify(parked).removeAll(List.of(a, b));
        verify(parked, times(2)).removeAll(any());
        verify(engine).prefetchRollUpUnits(eq(java.util.Set.of(applies, fails)), any(RollUpEngine.BatchMemo.class));
        verify(engine, times(1)).clearSent(any());
    }

    private static ParkedInput parkedInput(String id) {
        return new ParkedInput(id, EventTypes.ROLLUP_CONTRIBUTED, Topics.ROLLUP, id, "{\"seq\": 1}",
                "not known yet (test)", Instant.parse("2024-12-07T02:00:00Z"));
    }
}
