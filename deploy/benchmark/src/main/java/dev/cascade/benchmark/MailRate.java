package dev.cascade.benchmark;

import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reminder mail rate: {@code --mail-communes} communes (spread over the country, none that already has contacts)
 * are each given an e-mail contact, then a plan of their own whose commune deadline (10/12) makes the "3 days before"
 * reminder due on the demo day, as when a plan is issued on a reminder day to units whose contacts are long known.
 * notification-service's dispatcher sends one reminder per obligation to the stack's SMTP server as the obligations
 * reach it (each run takes every obligation then due, all with contacts). The benchmark follows the server's listing
 * ({@code GET /messages?from=n}, every 100 ms) and times the reminders of that programme by the instants the server
 * stored them: the time the dispatcher was sending (first to last receipt without the pauses of over a second between
 * its runs), first to last receipt, and from the set-up to the last. Exactly once: every commune received one reminder,
 * none twice, no notification id twice. The contacts are cleared afterwards, so that the next burst's plan sends no
 * reminders.
 *
 * <p>Until 6 December 2026 the contacts were given after the plan was set up, so that the reminders waited for them;
 * but the first reminder then arrived 26–56 s before the last of 10,047 contacts was given (runs of 5 December), so
 * the dispatcher's runs found a few contacts at a time and the "while sending" time included its waits for the
 * benchmark. (Timed by when the listing showed them, as before 5 December 2026, a slow poll
 * bunched many mails at one instant and overstated the rate: 5,860/s was seen.)
 */
final class MailRate {

    private static final String ADMIN = "admin";

    private final Options options;
    private final StackApi api;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    MailRate(Options options, StackApi api, PrintStream out) {
        this.options = options;
        this.api = api;
        this.out = out;
    }

    RunResult.Mail measure(String tag, List<Indicator> indicators, List<Commune> country) {
        List<Commune> candidates = NationalBurst.spread(country, Math.min(country.size(), options.mailCommunes() * 2));
        List<Commune> communes = new ArrayList<>();
        out.printf("Mail: e-mail contacts for %,d communes, then a plan of theirs whose reminders fall due at once ...%n",
                options.mailCommunes());
        try {
            for (Commune commune : candidates) {
                if (communes.size() < options.mailCommunes() && !hasContacts(commune.code())) {
                    communes.add(commune);
                }
            }
            try {
                long contactsStart = System.nanoTime();
                setContacts(communes, true);
                double contactsSeconds = (System.nanoTime() - contactsStart) / 1e9;
                out.printf("Mail: %,d contacts given in %.1f s; now the plan ...%n", communes.size(), contactsSeconds);
                int seen = messageCount();
                String programme = tag + "-MAIL";
                MailFollower follower = new MailFollower(seen, programme);
                follower.start();
                try {
                    PlanSetup.Prepared plan = new PlanSetup(options, api, out).prepare(tag + "M", programme,
                            indicators.subList(0, Math.min(2, indicators.size())), communes);
                    long preparedAtMillis = System.currentTimeMillis();
                    long prepared = System.nanoTime();
                    long deadline = prepared + TimeUnit.SECONDS.toNanos(options.mailWaitSeconds());
                    while (follower.count() < communes.size() && System.nanoTime() < deadline) {
                        Thread.sleep(250);
                    }
                    Thread.sleep(2000); // a duplicate would come right behind
                    follower.stop();
                    return result(communes, plan, follower, preparedAtMillis, contactsSeconds);
                } finally {
                    follower.stop();
                }
            } finally {
                setContacts(communes, false);
            }
        } catch (Exception e) {
            out.println("Mail rate NOT measured: " + e);
            return new RunResult.Mail(options.mailCommunes(), communes.size(), 0, 0, 0, Double.NaN, Double.NaN,
                    Double.NaN, false, e.toString(), METHOD, null, null);
        }
    }

    static final String METHOD = "one e-mail contact per commune, given first, then a plan of their own whose '3 days "
            + "before' reminder is due on the demo day; reminders of that programme timed by the stack's SMTP server (the "
            + "instant it stored each, to the millisecond; other mail of that programme, such as the daily digest to a "
            + "unit that has contacts of its own, is not counted); each dispatcher run sends every reminder then due "
            + "(since 6 Dec 2026; before, the contacts came after the plan and the runs waited for them): mails/s = mails after the first of each dispatcher run ÷ "
            + "time the dispatcher was sending (its runs: receipts split where more than 1 s passed, each from its "
            + "first to its last receipt); exactly once = one reminder per commune and no notification id twice";

    private RunResult.Mail result(List<Commune> communes, PlanSetup.Prepared plan, MailFollower follower,
                                  long preparedAtMillis, double contactsSeconds) {
        Map<String, Integer> perRecipient = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int duplicateIds = 0;
        for (MailFollower.Mail mail : follower.mails()) {
            perRecipient.merge(mail.to(), 1, Integer::sum);
            if (mail.notificationId() != null && !ids.add(mail.notificationId())) {
                duplicateIds++;
            }
        }
        long twice = perRecipient.values().stream().filter(n -> n > 1).count();
        int delivered = follower.count();
        boolean exactlyOnce = delivered == communes.size() && perRecipient.size() == communes.size() && twice == 0
                && duplicateIds == 0;
        List<Long> receipts = follower.mails().stream().map(MailFollower.Mail::receivedMillis).sorted().toList();
        double firstToLast = delivered < 2 ? Double.NaN : (receipts.get(delivered - 1) - receipts.get(0)) / 1e3;
        Sending sending = delivered < 2 ? new Sending(0, Double.NaN) : sending(receipts);
        double rate = sending.rate();
        String failure = exactlyOnce ? null : delivered + " reminders to " + perRecipient.size() + " of "
                + communes.size() + " communes, " + twice + " received more than one, " + duplicateIds
                + " notification id(s) twice (within " + options.mailWaitSeconds() + " s)";
        out.printf("Mail: %,d reminders for %,d communes (plan %s), %,.0f/s while sending (%.1f s; first to last "
                        + "%.1f s); %s%n", delivered, communes.size(), plan.planId(), rate, sending.seconds(), firstToLast,
                exactlyOnce ? "exactly once" : "NOT exactly once: " + failure);
        return new RunResult.Mail(options.mailCommunes(), communes.size(), delivered, twice, duplicateIds,
                Percentiles.round(firstToLast), Percentiles.round(rate),
                delivered == 0 ? Double.NaN : Percentiles.round((receipts.get(delivered - 1) - preparedAtMillis) / 1e3),
                exactlyOnce, failure, METHOD, Percentiles.round(sending.seconds()), Percentiles.round(contactsSeconds));
    }

    static final long POLL_MILLIS = 100;
    private static final long PAUSE_MILLIS = 1_000;

    /**
     * How fast the dispatcher sent: {@code intervals} mails after the first of each of its runs, sent in
     * {@code seconds}, the runs' first-to-last receipt times summed.
     */
    record Sending(int intervals, double seconds) {
        double rate() {
            return seconds > 0 ? intervals / seconds : Double.NaN;
        }
    }

    /**
     * The dispatcher's runs in the server's receipt times (sorted, epoch milliseconds): split where more than a
     * second passed between two receipts (the dispatcher's pause between runs), each from its first to its last.
     */
    static Sending sending(List<Long> receiptMillis) {
        long total = 0;
        int runs = 1;
        long runStart = receiptMillis.get(0);
        long previous = runStart;
        for (long receipt : receiptMillis) {
            if (receipt - previous > PAUSE_MILLIS) {
                total += previous - runStart;
                runStart = receipt;
                runs++;
            }
            previous = receipt;
        }
        total += previous - runStart;
        return new Sending(receiptMillis.size() - runs, total / 1e3);
    }

    static final String DOMAIN = "@mail.example";

    static String address(String unitCode) {
        return "benchmark." + unitCode + DOMAIN;
    }

    private boolean hasContacts(String unitCode) throws Exception {
        JsonNode contacts = api.getOrNull(options.notification().resolve("/contacts/" + StackApi.enc(unitCode)), ADMIN);
        return contacts != null && (!contacts.path("emails").isEmpty() || !contacts.path("webhooks").isEmpty()
                || !contacts.path("inboxUsers").isEmpty());
    }

    /** Gives every commune its address ({@code set}) or clears its contacts, from 8 threads. */
    private void setContacts(List<Commune> communes, boolean set) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < communes.size(); i = next.getAndIncrement()) {
                        String code = communes.get(i).code();
                        api.put(options.notification().resolve("/contacts/" + StackApi.enc(code)),
                                Map.of("emails", set ? List.of(address(code)) : List.of()), 200, ADMIN);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private int messageCount() throws Exception {
        return listing(0).size();
    }

    private JsonNode listing(int from) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(options.mailUrl()
                        + "/messages?from=" + from)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + options.mailUrl() + "/messages → " + response.statusCode());
        }
        return StackApi.JSON.readTree(response.body());
    }

    /** Follows the SMTP server's listing and keeps the reminders of one programme with the server's receipt times. */
    private final class MailFollower {
        record Mail(String to, String notificationId, long receivedMillis) {
        }

        private final String programme;
        private final List<Mail> mails = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Exception failure;
        private int from;

        MailFollower(int from, String programme) {
            this.from = from;
            this.programme = programme;
            this.thread = new Thread(this::run, "mail-follower");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
            if (failure != null) {
                throw new IllegalStateException("following the mail failed", failure);
            }
        }

        private void run() {
            try {
                while (running) {
                    JsonNode fresh = listing(from);
                    synchronized (this) {
                        for (JsonNode message : fresh) {
                            from++;
                            if ((message.path("subject").asString() + message.path("body").asString())
                                    .contains(programme)) {
                                for (JsonNode to : message.path("to")) {
                                    // the benchmark's addresses only: units with contacts of their own (the demo's
                                    // province) also get that programme's daily digest
                                    if (to.asString().startsWith("benchmark.") && to.asString().endsWith(DOMAIN)) {
                                        mails.add(new Mail(to.asString(),
                                                message.path("notificationId").asString(null),
                                                Instant.parse(message.path("receivedAt").asString()).toEpochMilli()));
                                    }
                                }
                            }
                        }
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure = e;
            }
        }

        synchronized int count() {
            return mails.size();
        }

        synchronized List<Mail> mails() {
            return List.copyOf(mails);
        }
    }
}
