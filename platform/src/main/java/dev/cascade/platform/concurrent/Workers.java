package dev.cascade.platform.concurrent;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * A fixed number of named daemon threads on which a service runs independent pieces of one job side by side (the
 * roll-ups of a consumed batch, the batches of a reminder run), and the one way to wait for all of them. Daemon
 * threads never hold a stopping JVM; {@link #close()} (Spring calls it on a {@code @Bean}) takes no new task and lets
 * those running end.
 */
public final class Workers implements AutoCloseable {

    private final ExecutorService threads;

    /** {@code count} threads named {@code prefix1}, {@code prefix2}, … */
    public Workers(String prefix, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("workers '" + prefix + "' need at least one thread, not " + count);
        }
        this.threads = Executors.newFixedThreadPool(count, daemons(prefix));
    }

    /** Daemon threads named {@code prefix1}, {@code prefix2}, … for any executor. */
    public static ThreadFactory daemons(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
        factory.setDaemon(true);
        return factory;
    }

    public <T> Future<T> submit(Callable<T> task) {
        return threads.submit(task);
    }

    /**
     * The results of {@code tasks} in their order, once every one has ended: a failure does not stop the wait for the
     * others; the first is thrown then, the later ones added to it as suppressed.
     *
     * @param what what the tasks do, for the message when the waiting thread is interrupted
     */
    public static <T> List<T> awaitAll(List<Future<T>> tasks, String what) {
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
                throw new IllegalStateException("interrupted while " + what, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    @Override
    public void close() {
        threads.shutdown();
    }
}
