package dev.cascade.local.store;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal file itself: checksums, torn ends and corruption, the first format, durability, close, compaction. */
class JournalTest {

    @TempDir
    Path dir;

    private Path file;
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previousHandler;

    @BeforeEach
    void setUp() {
        file = dir.resolve("cascade.journal");
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
    }

    @AfterEach
    void noExceptionEscapedToAnyThread() {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        assertThat(uncaught).isEmpty();
    }

    private static Thread start(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private static Document doc(Object id, Object n) {
        return new Document("_id", id).append("n", n);
    }

    /** Writes ten documents {@code 0..9} of {@code db.c} in ten acknowledged records. */
    private void writeTen() throws IOException {
        try (Journal journal = Journal.open(file)) {
            for (int i = 0; i < 10; i++) {
                journal.put("db.c", i, doc(i, "value " + i));
                journal.awaitWrites();
            }
        }
    }

    /** The offset of every record of a journal in the current format. */
    private List<Long> recordOffsets() throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        assertThat(bytes.getInt(0)).isEqualTo(Journal.MAGIC);
        List<Long> offsets = new ArrayList<>();
        int at = Journal.FILE_HEADER;
        while (at < bytes.limit()) {
            offsets.add((long) at);
            at += Journal.RECORD_HEADER + bytes.getInt(at);
        }
        assertThat(at).isEqualTo(bytes.limit());
        return offsets;
    }

    private void flipByte(long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= 0x5a;
        Files.write(file, bytes);
    }

    private static Map<Object, Object> values(Map<String, LinkedHashMap<Object, Document>> state, String namespace) {
        Map<Object, Object> values = new LinkedHashMap<>();
        state.getOrDefault(namespace, new LinkedHashMap<>()).forEach((k, d) -> values.put(k, d.get("n")));
        return values;
    }

    @Test
    void aRecordDamagedInTheMiddleStopsTheStartWithItsOffset() throws IOException {
        writeTen();
        List<Long> offsets = recordOffsets();
        assertThat(offsets).hasSize(10);
        long bad = offsets.get(5);
        flipByte(bad + Journal.RECORD_HEADER + 20); // inside the payload of the sixth record
        byte[] damaged = Files.readAllBytes(file);

        assertThatThrownBy(() -> Journal.open(file))
                .isInstanceOfSatisfying(Journal.CorruptedException.class, e -> {
                    assertThat(e.offset()).isEqualTo(bad);
                    assertThat(e.intactRecords()).isEqualTo(5);
                    assertThat(e.file()).isEqualTo(file);
                })
                .hasMessageContaining(file.toString())
                .hasMessageContaining("corrupted at byte offset " + bad + ": its checksum does not match")
                .hasMessageContaining("intact record follows at offset " + offsets.get(6))
                .hasMessageContaining("The 5 records before offset " + bad + " are intact")
                .hasMessageContaining("CASCADE_STORE_ON_CORRUPTION=recover")
                .hasMessageContaining("Restore a backup");
        // refusing leaves the file as it found it
        assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
        assertThat(Files.exists(Journal.compactingFile(file))).isFalse();
    }

    @Test
    void aDamagedLengthInTheMiddleIsCorruptionNotATornEnd() throws IOException {
        writeTen();
        List<Long> offsets = recordOffsets();
        long bad = offsets.get(3);
        // a length that runs past the end of the file, as a torn last record's would
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        bytes.putInt((int) bad, 1 << 20);
        Files.write(file, bytes.array());

        assertThatThrownBy(() -> Journal.open(file))
                .isInstanceOfSatisfying(Journal.CorruptedException.class, e -> {
                    assertThat(e.offset()).isEqualTo(bad);
                    assertThat(e.intactRecords()).isEqualTo(3);
                })
                .hasMessageContaining("runs past the end of the file")
                .hasMessageContaining("intact record follows at offset " + offsets.get(4));
    }

    @Test
    void recoveringKeepsTheRecordsBeforeTheDamageAndTheOriginalFileAside() throws IOException {
        writeTen();
        long bad = recordOffsets().get(5);
        flipByte(bad + Journal.RECORD_HEADER + 20);
        byte[] damaged = Files.readAllBytes(file);

        Journal.Options recover = Journal.Options.DEFAULT.withOnCorruption(Journal.OnCorruption.RECOVER);
        try (Journal journal = Journal.open(file, recover)) {
            assertThat(values(journal.recovered(), "db.c")).containsExactly(Map.entry(0, "value 0"),
                    Map.entry(1, "value 1"), Map.entry(2, "value 2"), Map.entry(3, "value 3"), Map.entry(4, "value 4"));
            journal.put("db.c", 42, doc(42, "after recovery"));
            journal.awaitWrites();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> aside = files.filter(p -> p.getFileName().toString().startsWith("cascade.journal.corrupt-"))
                    .toList();
            assertThat(aside).hasSize(1);
            assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(damaged);
        }
        // the journal itself is whole again: it opens without the option
        try (Journal journal = Journal.open(file)) {
            assertThat(values(journal.recovered(), "db.c")).containsOnlyKeys(0, 1, 2, 3, 4, 42);
        }
    }

    @Test
    void aTornLastRecordIsCutOffAndTheRestKept() throws IOException {
        writeTen();
        long intact = Files.size(file);
        List<Long> offsets = recordOffsets();
        // a crash in the middle of writing an eleventh record: the first half of a real record
        byte[] bytes = Files.readAllBytes(file);
        byte[] eleventh = Arrays.copyOfRange(bytes, offsets.get(9).intValue(), bytes.length);
        Files.write(file, Arrays.copyOf(eleventh, eleventh.length / 2), StandardOpenOption.APPEND);
        assertThat(Files.size(file)).isGreaterThan(intact);

        try (Journal journal = Journal.open(file)) {
            assertThat(values(journal.recovered(), "db.c")).hasSize(10).containsEntry(9, "value 9");
        }
        assertThat(Files.size(file)).isEqualTo(intact);
    }

    @Test
    void aLastRecordWithABadChecksumAndNothingAfterItIsTornNotCorrupt() throws IOException {
        writeTen();
        long last = recordOffsets().get(9);
        flipByte(Files.size(file) - 2); // the whole last record is there, but not as it was meant to be
        try (Journal journal = Journal.open(file)) {
            assertThat(values(journal.recovered(), "db.c")).containsOnlyKeys(0, 1, 2, 3, 4, 5, 6, 7, 8);
        }
        assertThat(Files.size(file)).isEqualTo(last);
    }

    @Test
    void zerosAPowerCutLeftAtTheEndAreCutOff() throws IOException {
        writeTen();
        long intact = Files.size(file);
        Files.write(file, new byte[4096], StandardOpenOption.APPEND);
        try (Journal journal = Journal.open(file)) {
            assertThat(values(journal.recovered(), "db.c")).hasSize(10);
        }
        assertThat(Files.size(file)).isEqualTo(intact);
    }

    @Test
    void aLeftoverCompactionFileIsNeverReadAndIsRemoved() throws IOException {
        writeTen();
        Path leftover = Journal.compactingFile(file);
        Files.write(leftover, "half a compaction".getBytes(StandardCharsets.UTF_8));
        try (Journal journal = Journal.open(file)) {
            assertThat(values(journal.recovered(), "db.c")).hasSize(10);
        }
        assertThat(leftover).doesNotExist();
    }

    // -------------------------------------------------------------------------------------------- first format

    /** A record of the first format: {@code [int length][byte op][short nsLength][ns][payload]}. */
    private static void firstFormatRecord(DataOutputStream out, char op, String ns, byte[] payload) throws IOException {
        byte[] namespace = ns.getBytes(StandardCharsets.UTF_8);
        out.writeInt(1 + 2 + namespace.length + payload.length);
        out.writeByte(op);
        out.writeShort(namespace.length);
        out.write(namespace);
        out.write(payload);
    }

    private static byte[] put(Object key, Document document) {
        return Journal.bson(new Document("k", key).append("d", document));
    }

    @Test
    void aJournalOfTheFirstFormatOpensAndIsRewrittenInTheCurrentOne() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            firstFormatRecord(out, 'P', "db.a", put("x", doc("x", 1)));
            firstFormatRecord(out, 'P', "db.a", put("y", doc("y", 2)));
            firstFormatRecord(out, 'P', "db.a", put("x", doc("x", 3)));
            firstFormatRecord(out, 'D', "db.a", Journal.bson(new Document("k", "y")));
            firstFormatRecord(out, 'P', "db.gone", put(1, doc(1, 1)));
            firstFormatRecord(out, 'X', "db.gone", new byte[0]);
            firstFormatRecord(out, 'P', "db.old", put(7, doc(7, "seven")));
            firstFormatRecord(out, 'R', "db.old", "db.new".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {0, 0, 1, (byte) 0xf4, 'P', 0, 4}); // torn by a crash
        }
        Files.write(file, bytes.toByteArray());

        try (Journal journal = Journal.open(file)) {
            assertThat(journal.recovered()).containsOnlyKeys("db.a", "db.new");
            assertThat(values(journal.recovered(), "db.a")).containsExactly(Map.entry("x", 3));
            assertThat(values(journal.recovered(), "db.new")).containsExactly(Map.entry(7, "seven"));
        }
        ByteBuffer converted = ByteBuffer.wrap(Files.readAllBytes(file));
        assertThat(converted.getInt(0)).isEqualTo(Journal.MAGIC);
        assertThat(converted.getInt(4)).isEqualTo(Journal.VERSION);
        assertThat(recordOffsets()).hasSize(2);
        try (Journal journal = Journal.open(file)) {
            assertThat(values(journal.recovered(), "db.a")).containsExactly(Map.entry("x", 3));
            assertThat(values(journal.recovered(), "db.new")).containsExactly(Map.entry(7, "seven"));
        }
    }

    @Test
    void aJournalOfANewerFormatIsRefused() throws IOException {
        Files.write(file, ByteBuffer.allocate(8).putInt(Journal.MAGIC).putInt(Journal.VERSION + 1).array());
        assertThatThrownBy(() -> Journal.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("format version " + (Journal.VERSION + 1));
    }

    // -------------------------------------------------------------------------------------------- durability

    @Test
    void underFsyncEveryAcknowledgedWriteIsInTheFileBeforeTheAnswer() throws Exception {
        Journal.Options fsync = Journal.Options.DEFAULT.withDurability(Journal.Durability.FSYNC);
        Map<Object, Object> acknowledged = new ConcurrentHashMap<>();
        try (Journal journal = Journal.open(file, fsync)) {
            assertThat(journal.options().durability()).isEqualTo(Journal.Durability.FSYNC);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                threads.add(start(() -> {
                    for (int i = 0; i < 50; i++) {
                        String key = thread + "-" + i;
                        journal.put("db.c", key, doc(key, i));
                        journal.awaitWrites();
                        acknowledged.put(key, i);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            // read while the journal is open, as a machine that stops now would leave the file
            assertThat(values(Journal.replay(file), "db.c")).isEqualTo(acknowledged).hasSize(200);
        }
        try (Journal journal = Journal.open(file)) {
            assertThat(values(journal.recovered(), "db.c")).isEqualTo(acknowledged);
        }
    }

    // -------------------------------------------------------------------------------------------- close

    @Test
    void closeWritesWhatWasQueuedAndFailsLaterWritesWithoutHanging() throws Exception {
        Journal journal = Journal.open(file);
        int threads = 6;
        Map<String, Integer> appended = new ConcurrentHashMap<>();
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        List<Throwable> endings = new CopyOnWriteArrayList<>();
        AtomicInteger failedAwaits = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(threads);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(start(() -> {
                Map<String, Integer> mine = new HashMap<>();
                running.countDown();
                try {
                    for (int i = 0; ; i++) {
                        String key = thread + "-" + (i % 500);
                        journal.put("db.c", key, doc(key, i)); // throws once the journal is closed
                        mine.put(key, i);
                        appended.put(key, i);
                        if (i % 20 == 19) {
                            journal.awaitWrites();
                            acknowledged.putAll(mine);
                        }
                    }
                } catch (UncheckedIOException closed) {
                    endings.add(closed);
                }
                // what this thread queued before the close was written by it
                try {
                    journal.awaitWrites();
                    acknowledged.putAll(mine);
                } catch (UncheckedIOException e) {
                    failedAwaits.incrementAndGet();
                }
            }));
        }
        running.await();
        // every writer is well under way: hundreds of writes acknowledged, more queued behind them
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= threads * 100);
        long closing = System.nanoTime();
        journal.close();
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
        for (Thread writer : writers) {
            writer.join(10_000);
            assertThat(writer.isAlive()).as("a writing thread hangs after close").isFalse();
        }

        assertThat(endings).hasSize(threads).allSatisfy(e -> assertThat(e)
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("is closed"));
        assertThat(failedAwaits).hasValue(0);
        assertThat(acknowledged).isEqualTo(appended).hasSizeGreaterThan(100);
        try (Journal reopened = Journal.open(file)) {
            assertThat(values(reopened.recovered(), "db.c")).isEqualTo(new HashMap<>(acknowledged));
        }
        journal.close(); // twice is harmless
    }

    // -------------------------------------------------------------------------------------------- compaction

    /**
     * Four threads put, delete, drop and rename their own collections while the journal compacts itself several
     * times; a fifth copies the file now and then, as a killed process would leave it. Every copy holds every write
     * acknowledged before it was taken, and the reopened journal is exactly what the threads were told is written.
     */
    @Test
    void compactingWhileRunningKeepsEveryAcknowledgedWrite() throws Exception {
        Journal.Options small = Journal.Options.DEFAULT.withCompaction(64 << 10, 2);
        Journal journal = Journal.open(file, small);
        int threads = 4;
        // per thread: its namespace and its documents, as acknowledged
        Map<Integer, String> namespaces = new ConcurrentHashMap<>();
        Map<Integer, Map<Object, Object>> acknowledged = new ConcurrentHashMap<>();
        // the highest counter acknowledged for each key ever written (puts only, never deleted: keys "keep-*")
        Map<String, Integer> kept = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(start(() -> {
                try {
                    String ns = "db.t" + thread;
                    Map<Object, Object> mine = new LinkedHashMap<>();
                    String padding = "x".repeat(200);
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    // at least 6000 changes each, and on until the journal compacted itself three times
                    for (int i = 0; i < 6000 || journal.compactions() < 3 && System.nanoTime() < deadline; i++) {
                        int roll = random.nextInt(1000);
                        if (roll < 2) {
                            journal.drop(ns);
                            mine.clear();
                        } else if (roll < 5) {
                            String to = "db.t" + thread + "-" + i;
                            journal.rename(ns, to);
                            ns = to;
                        } else if (roll < 150) {
                            Object key = random.nextInt(40);
                            journal.delete(ns, key);
                            mine.remove(key);
                        } else if (roll < 300) {
                            String key = "keep-" + thread + "-" + random.nextInt(20);
                            journal.put("db.kept", key, doc(key, i));
                            journal.awaitWrites();
                            kept.put(key, i);
                            continue;
                        } else {
                            Object key = random.nextInt(40);
                            journal.put(ns, key, new Document("_id", key).append("n", i).append("pad", padding));
                            mine.put(key, i);
                        }
                        journal.awaitWrites();
                        namespaces.put(thread, ns);
                        acknowledged.put(thread, new LinkedHashMap<>(mine));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        List<Integer> checkedCopies = new ArrayList<>();
        Thread killer = start(() -> {
            try {
                int copies = 0;
                while (!done.get()) {
                    Map<String, Integer> before = new HashMap<>(kept);
                    Path copy = dir.resolve("copy-" + copies++);
                    Files.copy(file, copy);
                    Map<Object, Object> inCopy = values(Journal.replay(copy), "db.kept");
                    before.forEach((key, counter) -> assertThat((Integer) inCopy.get(key))
                            .as("%s in copy %s", key, copy).isNotNull().isGreaterThanOrEqualTo(counter));
                    Files.delete(copy);
                    // the next copy once the journal has changed (appended to, or compacted)
                    long size = Files.size(file);
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                            .until(() -> done.get() || Files.size(file) != size);
                }
                checkedCopies.add(copies);
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        for (Thread worker : workers) {
            worker.join(120_000);
            assertThat(worker.isAlive()).isFalse();
        }
        done.set(true);
        killer.join(30_000);
        assertThat(failures).isEmpty();
        assertThat(checkedCopies.get(0)).isGreaterThan(3);

        int compactions = journal.compactions();
        journal.close();
        assertThat(compactions).as("compactions while running").isGreaterThanOrEqualTo(3);
        assertThat(Journal.compactingFile(file)).doesNotExist();

        try (Journal reopened = Journal.open(file)) {
            Map<String, LinkedHashMap<Object, Document>> state = reopened.recovered();
            for (int t = 0; t < threads; t++) {
                assertThat(values(state, namespaces.get(t))).as("thread %d", t).isEqualTo(acknowledged.get(t));
            }
            assertThat(values(state, "db.kept")).isEqualTo(new HashMap<>(kept));
            // and nothing else: no document of a dropped or renamed collection came back
            List<String> expected = new ArrayList<>(List.of("db.kept"));
            for (int t = 0; t < threads; t++) {
                if (!acknowledged.get(t).isEmpty()) {
                    expected.add(namespaces.get(t));
                }
            }
            assertThat(state.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aCompactionWhileRunningDropsWhatWasOverwritten() throws IOException {
        long minGrowth = 16 << 10;
        Document document = new Document("_id", 1).append("n", 0).append("pad", "p".repeat(100));
        long total;
        long records = 0;
        try (Journal journal = Journal.open(file, Journal.Options.DEFAULT.withCompaction(minGrowth, 2))) {
            journal.put("db.c", 1, document);
            journal.awaitWrites();
            long record = Files.size(file) - Journal.FILE_HEADER;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int n = 1; journal.compactions() < 2 && System.nanoTime() < deadline; n++) {
                journal.put("db.c", 1, document.append("n", n));
                journal.awaitWrites();
                records++;
            }
            assertThat(journal.compactions()).isGreaterThanOrEqualTo(2);
            total = Journal.FILE_HEADER + (records + 1) * record;
            // one record of the state at the last cut, and what was appended after that cut
            assertThat(Files.size(file)).isLessThan(total - minGrowth);
            assertThat(values(Journal.replay(file), "db.c")).containsExactly(Map.entry(1, (int) records));
        }
        try (Journal journal = Journal.open(file)) {
            assertThat(values(journal.recovered(), "db.c")).containsExactly(Map.entry(1, (int) records));
        }
    }

    @Test
    void noCompactionBelowTheThreshold() throws IOException {
        try (Journal journal = Journal.open(file)) {
            for (int i = 0; i < 2000; i++) {
                journal.put("db.c", 1, doc(1, i));
                journal.awaitWrites();
            }
            assertThat(journal.compactions()).isZero();
            assertThat(Files.size(file)).isGreaterThan(2000L * 30);
        }
    }
}
