package dev.cascade.benchmark;

import dev.cascade.local.DemoTokens;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code Authorization} header of every reporting commune's clerk, got from the identity provider before a burst:
 * a clerk logs in once and then submits, so the log-ins are not part of the accepted-reports-per-second figure but
 * a figure of their own. Fetched in parallel by a bounded pool ({@code parallelism} threads), each user once.
 *
 * @param headers           {@code Bearer …} per commune, in the order of the communes (and of the report bodies)
 * @param fetched           how many tokens were fetched from the identity provider
 * @param seconds           wall-clock time of the fetch
 * @param parallelism       the threads that fetched
 * @param earliestExpiry    the soonest {@code exp} among the tokens (null when a token is not a readable JWT)
 */
record ReporterTokens(String[] headers, int fetched, double seconds, int parallelism, Instant earliestExpiry) {

    /**
     * Fetches the tokens of {@code reporter-<unit>} for every one of {@code units} through {@code tokens} (a new
     * {@link DemoTokens}, so that every one is fetched: its cache would otherwise answer).
     */
    static ReporterTokens fetch(DemoTokens tokens, List<String> units, int parallelism)
            throws InterruptedException {
        String[] headers = new String[units.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, units.size())), r -> {
            Thread thread = new Thread(r, "token-fetch");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < parallelism; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < headers.length; i = next.getAndIncrement()) {
                        headers[i] = tokens.bearer(StackApi.reporter(units.get(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("token fetch failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Instant earliest = null;
        for (String header : headers) {
            Instant expiry = expiry(header);
            if (expiry == null) {
                earliest = null;
                break;
            }
            earliest = earliest == null || expiry.isBefore(earliest) ? expiry : earliest;
        }
        return new ReporterTokens(headers, headers.length, seconds, parallelism, earliest);
    }

    /** Whether every token is still valid for at least {@code seconds} more (unknown expiry: no). */
    boolean validFor(long seconds) {
        return earliestExpiry != null && Instant.now().plusSeconds(seconds).isBefore(earliestExpiry);
    }

    double perSecond() {
        return seconds > 0 ? fetched / seconds : Double.NaN;
    }

    /** The {@code exp} of a {@code Bearer <JWT>} header, or null when it is not a JWT with one. */
    static Instant expiry(String header) {
        try {
            String[] parts = header.substring(header.indexOf(' ') + 1).split("\\.");
            if (parts.length != 3) {
                return null;
            }
            JsonNode claims = StackApi.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            return claims.has("exp") ? Instant.ofEpochSecond(claims.path("exp").asLong()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
