package dev.cascade.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The reminder mail rate: {@code --mail-communes} communes (spread over the country, none that already has contacts)
 * are given a plan of their own whose commune deadline (10/12) makes the "3 days before" reminder due on the demo
 * day; once it is set up (obligations open, every ObligationOpened read by notification-service) each commune gets an
 * e-mail contact, all in one bulk write to notification-service's store, as a contact list imported at once. A reminder
 * due to a unit without contacts waits for them (its obligation put aside for notification-service's
 * {@code waiting-recheck}); the import wakes those obligations as {@code PUT /contacts} does (since 7 Dec 2026,
 * when the recheck went from 1 to 10 minutes; from 02:13 UTC that day to then it waited for the recheck), so the
 * dispatcher's next runs find every reminder due and deliverable, as on a reminder morning when 10,047
 * reminders of a plan issued weeks before fall due at 08:00; "from the import to the last" includes that wait. The benchmark follows
 * the SMTP server's listing ({@code GET /messages?from=n}, every 100 ms) and times the reminders of that programme by
 * the instants the server stored them: the time the dispatcher was sending (first to last receipt without the pauses
 * of over a second between its runs), first to last receipt, and from the import to the last. Exactly once: every
 * commune received one reminder, none twice, no notification id twice. The imported contacts are removed afterwards,
 * so that the next burst's plan sends no reminders.
 *
 * <p>Why the import and not {@code PUT /contacts/{unit}}: given one by one through the API (8 at once, 200–460 a
 * second), the dispatcher's runs every 10 s found a few contacts each, and "while sending" included its waits for the
 * benchmark (runs of 5 December: the first reminder came 26–56 s before the last contact was given); given before the
 * plan, the reminders trickled in with the obligations instead (5 December, 20:33: first to last 67.5 s, as long as
 * notification-service took to read the plan's 10,031 ObligationOpened). A real reminder morning has neither wait.
 * (Timed by when the listing showed them, as before 5 December 2026, a slow poll bunched many mails at one instant and
 * overstated the rate: 5,860/s was seen.)
 */
final class MailRate {

    /** notification-service's database and its collection of contacts, as the local stack names them. */
    static final String NOTIFICATION_DATABASE = "cascade-notification";
    static final String CONTACTS = "contacts";
    static final String OBLIGATIONS = "obligations";

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
        out.printf("Mail: a plan for %,d communes whose reminders fall due at once, then their e-mail contacts ...%n",
                options.mailCommunes());
        try (MongoClient mongo = MongoClients.create(options.mongoUri())) {
            MongoCollection<Document> contacts = mongo.getDatabase(NOTIFICATION_DATABASE).getCollection(CONTACTS);
            Set<String> withContacts = withContacts(contacts, candidates);
            for (Commune commune : candidates) {
                if (communes.size() < options.mailCommunes() && !withContacts.contains(commune.code())) {
                    communes.add(commune);
                }
            }
            try {
                int seen = messageCount();
                String programme = tag + "-MAIL";
                MailFollower follower = new MailFollower(seen, programme);
                follower.start();
                try {
                    PlanSetup.Prepared plan = new PlanSetup(options, api, out).prepare(tag + "M", programme,
                            indicators.subList(0, Math.min(2, indicators.size())), communes);
                    long contactsStart = System.nanoTime();
                    importContacts(contacts, communes);
                    wake(mongo.getDatabase(NOTIFICATION_DATABASE).getCollection(OBLIGATIONS), communes);
                    double contactsSeconds = (System.nanoTime() - contactsStart) / 1e9;
                    out.printf("Mail: %,d contacts imported in %.2f s%n", communes.size(), contactsSeconds);
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
                removeContacts(contacts, communes);
            }
        } catch (Exception e) {
            out.println("Mail rate NOT measured: " + e);
            return new RunResult.Mail(options.mailCommunes(), communes.size(), 0, 0, 0, Double.NaN, Double.NaN,
                    Double.NaN, false, e.toString(), METHOD, null, null);
        }
    }

    static final String METHOD = "a plan for communes without contacts whose '3 days before' reminder is due on the "
            + "demo day; once every service has it, one e-mail contact per commune imported in one bulk write to "
            + "notification-service's store (since 5 Dec 2026, 21:00 UTC; before, given one by one through PUT /contacts while "
            + "the dispatcher ran), the obligations put aside for want of contacts woken as PUT /contacts wakes them (since "
            + "7 Dec 2026, 05:00 UTC; from 02:13 UTC that day they came up again at the 1-minute recheck), so that "
            + "the dispatcher's runs find every reminder due and deliverable; reminders of that "
            + "programme timed by the stack's SMTP server (the instant it stored each, to the millisecond; other mail "
            + "of that programme, such as the daily digest to a unit that has contacts of its own, is not counted): "
            + "mails/s = mails after the first of each dispatcher run ÷ time the dispatcher was sending (its runs: "
            + "receipts split where more than 1 s passed, each from its first to its last receipt); exactly once = "
            + "one reminder per commune and no notification id twice";

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

    /** The candidates that have contacts of their own (any e-mail, webhook or inbox user), in one query. */
    private static Set<String> withContacts(MongoCollection<Document> contacts, List<Commune> candidates) {
        Set<String> found = new HashSet<>();
        contacts.find(Filters.in("_id", candidates.stream().map(Commune::code).toList())).forEach(doc -> {
            if (!doc.getList("emails", String.class, List.of()).isEmpty()
                    || !doc.getList("webhooks", Document.class, List.of()).isEmpty()
                    || !doc.getList("inboxUsers", String.class, List.of()).isEmpty()) {
                found.add(doc.getString("_id"));
            }
        });
        return found;
    }

    /**
     * Gives every commune its address in one bulk write to notification-service's store, as a contact list imported
     * at once would be (documents as {@code ContactBook} writes them: version 1, no webhooks, no inbox users).
     */
    private static void importContacts(MongoCollection<Document> contacts, List<Commune> communes) {
        Date now = new Date();
        contacts.insertMany(communes.stream().map(c -> new Document("_id", c.code())
                .append("emails", List.of(address(c.code()))).append("updatedAt", now)
                .append("webhooks", List.of()).append("inboxUsers", List.of()).append("version", 1L)).toList());
    }

    /**
     * Makes the communes' obligations put aside for want of contacts due at once, as {@code PUT /contacts/{unit}}
     * does ({@code ObligationStore.wake}): {@code nextReminderAt} at the epoch (due whatever the stack's clock says),
     * {@code waitingFor} removed. An import around the service would otherwise wait for notification-service's
     * {@code waiting-recheck} (10 minutes since 7 Dec 2026).
     */
    private static void wake(MongoCollection<Document> obligations, List<Commune> communes) {
        for (int from = 0; from < communes.size(); from += 1000) {
            List<Commune> chunk = communes.subList(from, Math.min(communes.size(), from + 1000));
            obligations.updateMany(Filters.in("waitingFor", chunk.stream().map(Commune::code).toList()),
                    Updates.combine(Updates.set("nextReminderAt", new Date(0)), Updates.unset("waitingFor")));
        }
    }

    /** Removes what {@link #importContacts} wrote (a commune whose contacts changed since is left alone). */
    private void removeContacts(MongoCollection<Document> contacts, List<Commune> communes) {
        try {
            for (int from = 0; from < communes.size(); from += 1000) {
                List<Commune> chunk = communes.subList(from, Math.min(communes.size(), from + 1000));
                contacts.deleteMany(Filters.and(Filters.in("_id", chunk.stream().map(Commune::code).toList()),
                        Filters.eq("version", 1L), Filters.size("emails", 1),
                        Filters.regex("emails", "^benchmark\\..*" + Pattern.quote(DOMAIN) + "$")));
            }
        } catch (RuntimeException e) {
            out.println("  (the benchmark's contacts not all removed: " + e + ")");
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
