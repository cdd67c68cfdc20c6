package dev.cascade.aggregation.rollup.engine;

import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads on which the roll-ups of a batch, or of a page of parked inputs, change side by side
 * ({@code cascade.aggregation.batch.parallelism}): each roll-up is a document of its own under its own lock, so one
 * roll-up's store round trips and broker acks need not wait for another's.
 */
@Component
class RollUpWorkers {

    private final ExecutorService threads;

    RollUpWorkers(@Value("${cascade.aggregation.batch.parallelism:8}") int parallelism) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory("rollup-worker-");
        factory.setDaemon(true);
        this.threads = Executors.newFixedThreadPool(parallelism, factory);
    }

    <T> Future<T> submit(Callable<T> task) {
        return threads.submit(task);
    }

    /** The results of {@code tasks}, once every one has ended; the first failure is thrown then, the others added. */
    static <T> List<T> awaitAll(List<Future<T>> tasks, String what) {
        List<T> results = new ArrayList<>(tasks.size());
        RuntimeException failure = null;
        for (Future<T> task : tasks) {
            try {
                results.add(task.get());
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while applying " + what, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    @PreDestroy
    void stop() {
        threads.shutdown();
    }
}
