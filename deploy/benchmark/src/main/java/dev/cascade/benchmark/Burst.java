package dev.cascade.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * N client threads (a fixed pool: Java 17 has no virtual threads) that take the next prepared report body and POST
 * it to report-service, synchronously, until every body is sent, each with its commune's reporter's
 * {@code Authorization} header (fetched before: {@link ReporterTokens}; nothing is fetched inside the burst). Records
 * for each submission when it was sent, when its response arrived and its status. A line of progress is printed
 * every second.
 */
final class Burst {

    final int size;
    final long[] sentNanos;
    final long[] doneNanos;
    final int[] status;
    final List<String> errorSamples = new ArrayList<>();
    long startNanos;
    long endNanos;

    private final HttpClient http;
    private final URI reports;
    private final List<byte[]> bodies;
    private final String[] authorizations;
    private final int clients;

    /** @param authorizations the {@code Authorization} header of each body's sender, in the order of the bodies */
    Burst(URI reportService, List<byte[]> bodies, String[] authorizations, int clients) {
        if (authorizations.length != bodies.size()) {
            throw new IllegalArgumentException(authorizations.length + " tokens for " + bodies.size() + " reports");
        }
        this.reports = reportService.resolve("/reports");
        this.bodies = bodies;
        this.authorizations = authorizations;
        this.clients = clients;
        this.size = bodies.size();
        this.sentNanos = new long[size];
        this.doneNanos = new long[size];
        this.status = new int[size];
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(2, r -> daemon(r, "burst-http"))).build();
    }

    /** Fires every report; {@code ministryReceived} feeds the progress line. */
    void run(PrintStream out, LongSupplier ministryReceived) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> daemon(r, "burst-client"));
        startNanos = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < size; i = next.getAndIncrement()) {
                    HttpRequest request = submission(reports, authorizations[i], bodies.get(i));
                    sentNanos[i] = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        doneNanos[i] = System.nanoTime();
                        status[i] = response.statusCode();
                        if (response.statusCode() != 201) {
                            failures.incrementAndGet();
                            sample(response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        doneNanos[i] = System.nanoTime();
                        status[i] = -1;
                        failures.incrementAndGet();
                        sample(e.toString());
                        if (e instanceof InterruptedException) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    finished.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        int previous = 0;
        long tick = startNanos;
        while (!pool.awaitTermination(1, TimeUnit.SECONDS) || previous < finished.get()) {
            long now = System.nanoTime();
            int done = finished.get();
            double elapsed = (now - startNanos) / 1e9;
            out.printf("  [burst %5.1f s] %,6d/%,d answered  %,6.0f/s now  %,6.0f/s avg  errors %d  ministry received %,d%n",
                    elapsed, done, size, (done - previous) / ((now - tick) / 1e9), done / elapsed, failures.get(),
                    ministryReceived.getAsLong());
            previous = done;
            tick = now;
            if (pool.isTerminated()) {
                break;
            }
        }
        endNanos = 0;
        for (int i = 0; i < size; i++) {
            if (status[i] == 201) {
                endNanos = Math.max(endNanos, doneNanos[i]);
            }
        }
    }

    /** {@code POST /reports} with {@code body}, sent as the holder of {@code authorization}. */
    static HttpRequest submission(URI reports, String authorization, byte[] body) {
        return HttpRequest.newBuilder(reports).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private synchronized void sample(String error) {
        if (errorSamples.size() < 10) {
            errorSamples.add(error.length() > 500 ? error.substring(0, 500) + "…" : error);
        }
    }

    int accepted() {
        int accepted = 0;
        for (int s : status) {
            if (s == 201) {
                accepted++;
            }
        }
        return accepted;
    }

    /** status code (or -1 for an exception) → count, for everything but 201. */
    Map<String, Integer> errors() {
        Map<String, Integer> errors = new TreeMap<>();
        for (int s : status) {
            if (s != 201) {
                errors.merge(s == -1 ? "exception" : String.valueOf(s), 1, Integer::sum);
            }
        }
        return errors;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
