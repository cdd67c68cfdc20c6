package dev.cascade.benchmark;

import dev.cascade.local.ChaosStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reports of the chaos run, each POSTed until it is answered 201 (or refused for good), by N clients at a pace
 * that spreads them over the burst, to a report-service instance that is running, each with its commune's reporter's
 * token (fetched before the burst). A report not accepted before the deadline, or refused (400, 422, 403), is noted
 * in {@code failures}; a 401 is retried like a failed attempt (a restarted instance may not have the issuer's keys
 * yet) and shows in the outcomes.
 */
final class ChaosSubmitter {

    private final ChaosStack stack;
    private final List<byte[]> bodies;
    private final String[] authorizations;
    private final int clients;
    private final long spacingNanos;
    private final int[] status;
    private final List<String> failures;
    final AtomicInteger retries = new AtomicInteger();
    final Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    /** @param authorizations the {@code Authorization} header of each report's sender, in the order of the bodies */
    ChaosSubmitter(ChaosStack stack, List<byte[]> bodies, String[] authorizations, int clients, int burstSeconds,
                   List<String> failures) {
        this.stack = stack;
        this.authorizations = authorizations;
        this.failures = failures;
        this.bodies = bodies;
        this.clients = clients;
        this.spacingNanos = TimeUnit.SECONDS.toNanos(burstSeconds) * clients / Math.max(1, bodies.size());
        this.status = new int[bodies.size()];
    }

    int size() {
        return bodies.size();
    }

    /** Whether report {@code i} was answered 201. */
    synchronized boolean accepted(int i) {
        return status[i] == 201;
    }

    synchronized int accepted() {
        int n = 0;
        for (int s : status) {
            if (s == 201) {
                n++;
            }
        }
        return n;
    }

    void run(long deadline) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    long due = System.nanoTime() + spacingNanos;
                    submit(i, deadline);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        pool.shutdownNow();
    }

    /** POSTs report i with its own idempotency key until 201 (or a refusal that will not change). */
    private void submit(int i, long deadline) {
        String key = "chaos-" + i;
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            List<String> reportInstances = stack.instances().stream()
                    .filter(n -> n.startsWith("report-service") && stack.alive(n)).toList();
            String instance = reportInstances.isEmpty() ? "report-service-1"
                    : reportInstances.get((i + attempt) % reportInstances.size());
            String outcome;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(stack.url(instance) + "/reports")).timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .header("Authorization", authorizations[i])
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                        HttpResponse.BodyHandlers.ofString());
                outcome = String.valueOf(response.statusCode());
                if (response.statusCode() == 201) {
                    synchronized (this) {
                        status[i] = 201;
                    }
                    outcomes.merge(outcome, 1, Integer::sum);
                    return;
                }
                if (response.statusCode() == 400 || response.statusCode() == 422 || response.statusCode() == 403) {
                    failures.add("report " + i + " refused " + response.statusCode() + ": "
                            + response.body().substring(0, Math.min(300, response.body().length())));
                    outcomes.merge(outcome, 1, Integer::sum);
                    return;
                }
            } catch (java.io.IOException e) {
                outcome = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            outcomes.merge(outcome, 1, Integer::sum);
            retries.incrementAndGet();
            attempt++;
            try {
                TimeUnit.MILLISECONDS.sleep(Math.min(2000, 200L * attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        failures.add("report " + i + " was not accepted before the time limit");
    }
}
