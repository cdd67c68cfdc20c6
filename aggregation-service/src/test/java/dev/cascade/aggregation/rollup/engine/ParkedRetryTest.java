package dev.cascade.aggregation.rollup.engine;

import dev.cascade.platform.concurrent.Workers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * One pass over the parked inputs at a time: a pass asked for while another runs is run by that one after it, never
 * beside it (the plan consumer and the periodic job used to apply the same parked inputs side by side).
 */
class ParkedRetryTest {

    final ParkedInputs parked = mock(ParkedInputs.class);
    final Workers workers = new Workers("parked-retry-test-", 1);
    final ParkedRetry retry = new ParkedRetry(parked, mock(InputRouter.class), mock(RollUpEngine.class),
            mock(DeadLetters.class), JsonMapper.builder().build(), workers);

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
}
