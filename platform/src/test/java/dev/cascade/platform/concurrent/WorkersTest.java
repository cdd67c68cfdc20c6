package dev.cascade.platform.concurrent;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkersTest {

    @Test
    void runsTasksSideBySideOnNamedDaemonThreadsAndGivesResultsInOrder() throws Exception {
        try (Workers workers = new Workers("test-worker-", 2)) {
            CountDownLatch bothStarted = new CountDownLatch(2);
            // each task waits for the other to start: they finish only if they run at the same time
            Future<String> first = workers.submit(() -> meet(bothStarted));
            Future<String> second = workers.submit(() -> meet(bothStarted));

            List<String> threads = Workers.awaitAll(List.of(first, second), "meeting");

            assertThat(threads).hasSize(2).allMatch(name -> name.matches("test-worker-[12] daemon"))
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void waitsForEveryTaskThenThrowsTheFirstFailureWithTheLaterOnesSuppressed() {
        try (Workers workers = new Workers("test-worker-", 1)) {
            AtomicBoolean lastRan = new AtomicBoolean();
            Future<Integer> fails = workers.submit(() -> {
                throw new IllegalArgumentException("first");
            });
            Future<Integer> alsoFails = workers.submit(() -> {
                throw new java.io.IOException("second");
            });
            Future<Integer> succeeds = workers.submit(() -> {
                lastRan.set(true);
                return 3;
            });

            assertThatThrownBy(() -> Workers.awaitAll(List.of(fails, alsoFails, succeeds), "failing"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("first")
                    .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                            .isInstanceOf(IllegalStateException.class)
                            .extracting(Throwable::getCause).isInstanceOf(java.io.IOException.class));
            assertThat(lastRan).isTrue();
            assertThat(succeeds).isDone();
        }
    }

    @Test
    void closingLetsRunningTasksEndAndRefusesNewOnes() throws Exception {
        Workers workers = new Workers("test-worker-", 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> running = workers.submit(() -> {
            started.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        workers.close();
        release.countDown();

        assertThat(running.get(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> workers.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void refusesAPoolWithoutThreads() {
        assertThatThrownBy(() -> new Workers("none-", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'none-'").hasMessageContaining("at least one thread");
    }

    private static String meet(CountDownLatch bothStarted) throws InterruptedException {
        bothStarted.countDown();
        if (!bothStarted.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the other task never started beside this one");
        }
        Thread thread = Thread.currentThread();
        return thread.getName() + (thread.isDaemon() ? " daemon" : " user");
    }
}
