package dev.cascade.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one {@code POST /reports} costs report-service's process in CPU when the request goes no further than a
 * refusal or a replay: the floor under a submission (not a test: Linux, run through {@code deploy/benchmark.sh} against a
 * running local stack in the deployment shape, where report-service has a process of its own). It sends the same
 * request {@code n} times from {@code clients} threads, first as an unmeasured warm-up, then again while reading the
 * process's CPU time ({@link ProcessStats#cpuSeconds}), and prints the answers' statuses and the CPU per request.
 * <p>
 * {@code BENCHMARK_MAIN=dev.cascade.benchmark.RequestFloor deploy/benchmark.sh URL N CLIENTS PID UNIT [TOKEN_FILE
 * [BODY_FILE IDEMPOTENCY_KEY]]}: without a token the answer is 401; with a reporter's token and another unit, 403 (the
 * token verified, the body bound, the unit looked up); with a body already accepted under that key, the replayed 201.
 * Without a body file the body is a 17-indicator report for {@code UNIT} (12 ratios, 5 counts).
 */
public final class RequestFloor {

    private RequestFloor() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: RequestFloor URL N CLIENTS PID UNIT [TOKEN_FILE [BODY_FILE IDEMPOTENCY_KEY]]");
            System.exit(2);
        }
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        long pid = Long.parseLong(args[3]);
        String token = args.length > 5 ? Files.readString(Path.of(args[5])).strip() : null;
        String body = args.length > 6 ? Files.readString(Path.of(args[6])) : report(args[4]);
        String key = args.length > 7 ? args[7] : null;
        if (Double.isNaN(ProcessStats.cpuSeconds(pid))) {
            throw new IllegalArgumentException("cannot read the CPU time of process " + pid + " (/proc/" + pid
                    + "/stat)");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Runnable client = () -> {
            while (next.getAndIncrement() < n) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/reports"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                if (key != null) {
                    request.header("Idempotency-Key", key);
                }
                int status;
                try {
                    status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                    status = -1;
                }
                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            }
        };
        runAll(client, clients); // warm-up, not measured
        statuses.clear();
        next.set(0);
        double before = ProcessStats.cpuSeconds(pid);
        long start = System.nanoTime();
        runAll(client, clients);
        double wall = (System.nanoTime() - start) / 1e9;
        double used = ProcessStats.cpuSeconds(pid) - before;
        Map<Integer, Long> answered = new TreeMap<>();
        statuses.forEach((status, count) -> answered.put(status, count.sum()));
        System.out.printf("%d requests from %d clients, statuses %s, %.1f s (%.0f/s); process %d used %.2f s of CPU:"
                + " %.3f ms per request%n", n, clients, answered, wall, n / wall, pid, used, used * 1000 / n);
    }

    private static String report(String unit) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            values.append(i == 0 ? "" : ",").append("\"RATIO_").append(i).append("\":{\"numerator\":")
                    .append(100 + i).append(",\"denominator\":").append(500 + i).append('}');
        }
        for (int i = 0; i < 5; i++) {
            values.append(",\"COUNT_").append(i).append("\":{\"value\":").append(30 + i).append('}');
        }
        return "{\"unitCode\":\"" + unit + "\",\"programme\":\"TH-GDNN-ANNUAL\",\"period\":\"2025\",\"values\":{"
                + values + "}}";
    }

    private static void runAll(Runnable client, int clients) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            pool.execute(client);
        }
        pool.shutdown();
        if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
            throw new IllegalStateException("requests still running after an hour");
        }
    }
}
