package dev.cascade.local.store;

import de.bwaldvogel.mongo.bson.Document;
import dev.cascade.local.store.Journal.CorruptedException;
import dev.cascade.local.store.Journal.OnCorruption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

import static dev.cascade.local.store.Journal.FILE_HEADER;
import static dev.cascade.local.store.Journal.MAGIC;
import static dev.cascade.local.store.Journal.MAX_BODY;
import static dev.cascade.local.store.Journal.RECORD_HEADER;
import static dev.cascade.local.store.Journal.VERSION;

/**
 * Reads a journal back into the last state of every collection. When a record cannot be read (its length is
 * impossible, it runs past the end of the file, or its checksum does not match), what follows it decides:
 * <ul>
 * <li>no intact record after it: the end of the file was torn by a crash during a write (a record half written, or
 * zeros or garbage a power cut left behind). It is cut off with a warning in the log; nothing acknowledged is lost
 * under the durability policy in force, since a record is acknowledged only once it was written whole.</li>
 * <li>an intact record after it: the file was damaged in the middle. The store <em>refuses to start</em> with a
 * {@link CorruptedException} naming the file, the byte offset of the bad record and how many records before it are
 * intact, so that nothing after that point is dropped silently. The operator can restore a backup of the file, or
 * start once with {@link OnCorruption#RECOVER} ({@code CASCADE_STORE_ON_CORRUPTION=recover} in the local stack):
 * the original file is kept aside as {@code <journal>.corrupt-<epoch millis>} and the store starts with the state
 * of the intact records before the bad one (the records after it are not applied: without the bad one they could
 * describe a state that never existed).</li>
 * </ul>
 * A file without the header is a journal of the first format (the same records without {@code crc}); it is read as
 * before (whatever follows the first unreadable record is cut off, as nothing can tell a torn record from a damaged
 * one there) and rewritten in the current format by the compaction at open.
 */
final class JournalReplay {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    /** What replaying a file found: the state, how many records made it, and the corruption recovered from. */
    record Replayed(Map<String, LinkedHashMap<Object, Document>> state, long records, CorruptedException corruption) {
    }

    private JournalReplay() {
    }

    /**
     * The state to open {@code file} with: empty without a file; under {@link OnCorruption#RECOVER}, a damaged file
     * is first copied aside as {@code <journal>.corrupt-<epoch millis>}.
     */
    static Replayed forOpening(Path file, OnCorruption onCorruption) throws IOException {
        Replayed replayed = Files.exists(file) ? replay(file, onCorruption)
                : new Replayed(new LinkedHashMap<>(), 0, null);
        if (replayed.corruption() != null) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            Files.copy(file, aside, StandardCopyOption.COPY_ATTRIBUTES);
            log.error("The store's journal {} is corrupted at byte offset {} ({}). Recovering as asked "
                            + "(CASCADE_STORE_ON_CORRUPTION=recover): the store starts with the {} intact records "
                            + "before that offset; the original file is kept as {}", file, replayed.corruption().offset(),
                    replayed.corruption().problem(), replayed.corruption().intactRecords(), aside);
        }
        return replayed;
    }

    /** Reads {@code file} only; a torn end is left out, a damaged middle handled as {@code onCorruption} says. */
    static Replayed replay(Path file, OnCorruption onCorruption) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            JournalReader in = new JournalReader(channel);
            boolean current = in.size >= 4 && in.intAt(0) == MAGIC;
            if (!current && in.size < 4 && in.size > 0 && isMagicPrefix(in)) {
                log.warn("The store's journal {} ends inside its header (torn by a crash); it is empty", file);
                return new Replayed(new LinkedHashMap<>(), 0, null);
            }
            if (current) {
                if (in.size < FILE_HEADER) {
                    log.warn("The store's journal {} ends inside its header (torn by a crash); it is empty", file);
                    return new Replayed(new LinkedHashMap<>(), 0, null);
                }
                int version = in.intAt(4);
                if (version != VERSION) {
                    throw new IOException("The store's journal " + file + " has format version " + version
                            + ", which this version of the local stack cannot read (it reads version " + VERSION + ")");
                }
                return replayCurrent(file, in, onCorruption);
            }
            return replayFirstFormat(file, in, onCorruption);
        }
    }

    private static boolean isMagicPrefix(JournalReader in) throws IOException {
        byte[] magic = ByteBuffer.allocate(4).putInt(MAGIC).array();
        for (int i = 0; i < in.size; i++) {
            if (in.byteAt(i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static Replayed replayCurrent(Path file, JournalReader in, OnCorruption onCorruption) throws IOException {
        Map<String, LinkedHashMap<Object, Document>> state = new LinkedHashMap<>();
        long offset = FILE_HEADER;
        long records = 0;
        CRC32C crc = new CRC32C();
        while (offset < in.size) {
            String problem = problemAt(in, offset, crc);
            if (problem == null) {
                int length = in.intAt(offset);
                byte[] body = in.bytes(offset + RECORD_HEADER, length);
                try {
                    JournalFormat.apply(state, body);
                } catch (RuntimeException e) {
                    // intact as written, yet unreadable: not a crash, so never cut off silently
                    CorruptedException corrupted = new CorruptedException(file, offset, records,
                            "its checksum matches but it cannot be read (" + e + ")", -1);
                    return corrupted(corrupted, state, records, onCorruption);
                }
                records++;
                offset += RECORD_HEADER + length;
                continue;
            }
            long next = nextIntactRecord(in, offset, crc);
            if (next < 0) {
                log.warn("The store's journal {} ends with {} bytes torn by a crash at offset {} ({}); cut off after "
                        + "{} intact records", file, in.size - offset, offset, problem, records);
                break;
            }
            return corrupted(new CorruptedException(file, offset, records, problem, next), state, records,
                    onCorruption);
        }
        return new Replayed(state, records, null);
    }

    /** Refuses, or recovers with the state of the records before the bad one. */
    private static Replayed corrupted(CorruptedException corrupted, Map<String, LinkedHashMap<Object, Document>> state,
                                      long records, OnCorruption onCorruption) throws CorruptedException {
        if (onCorruption == OnCorruption.REFUSE) {
            throw corrupted;
        }
        return new Replayed(state, records, corrupted);
    }

    /** Why the record at {@code offset} cannot be used, or null when it is intact. */
    private static String problemAt(JournalReader in, long offset, CRC32C crc) throws IOException {
        if (in.size - offset < RECORD_HEADER) {
            return "the file ends inside its header";
        }
        int length = in.intAt(offset);
        if (length < 3 || length > MAX_BODY) {
            return "its length " + length + " is impossible";
        }
        if (offset + RECORD_HEADER + length > in.size) {
            return "its length " + length + " runs past the end of the file";
        }
        if (in.checksum(offset + RECORD_HEADER, length, crc) != in.intAt(offset + 4)) {
            return "its checksum does not match";
        }
        return null;
    }

    /**
     * Where the first intact record after the bad one at {@code bad} starts, or -1: a record whose length fits, whose
     * op is known, whose namespace fits and whose checksum matches. The next record boundary is at most one record
     * away, so the search stops after the longest possible record.
     */
    private static long nextIntactRecord(JournalReader in, long bad, CRC32C crc) throws IOException {
        long last = Math.min(in.size - RECORD_HEADER - 3, bad + RECORD_HEADER + MAX_BODY);
        for (long at = bad + 1; at <= last; at++) {
            int length = in.intAt(at);
            if (length < 3 || length > MAX_BODY || at + RECORD_HEADER + length > in.size) {
                continue;
            }
            if (!JournalFormat.knownOp(in.byteAt(at + RECORD_HEADER))) {
                continue;
            }
            int nsLength = ((in.byteAt(at + RECORD_HEADER + 1) & 0xff) << 8)
                    | (in.byteAt(at + RECORD_HEADER + 2) & 0xff);
            if (nsLength == 0 || 3 + nsLength > length) {
                continue;
            }
            if (in.checksum(at + RECORD_HEADER, length, crc) == in.intAt(at + 4)) {
                return at;
            }
        }
        return -1;
    }

    /** The first format: no header, records without checksum; reading stops at the first unreadable record. */
    private static Replayed replayFirstFormat(Path file, JournalReader in, OnCorruption onCorruption)
            throws IOException {
        Map<String, LinkedHashMap<Object, Document>> state = new LinkedHashMap<>();
        long offset = 0;
        long records = 0;
        while (in.size - offset >= 4) {
            int length = in.intAt(offset);
            if (length < 3 || offset + 4 + length > in.size) {
                break;
            }
            byte[] body = in.bytes(offset + 4, length);
            try {
                JournalFormat.apply(state, body);
            } catch (RuntimeException e) {
                return corrupted(new CorruptedException(file, offset, records, "it cannot be read (" + e + ")", -1),
                        state, records, onCorruption);
            }
            records++;
            offset += 4 + length;
        }
        if (offset < in.size) {
            log.warn("The store's journal {} (first format) ends with {} unreadable bytes at offset {}, torn by a "
                    + "crash; cut off after {} records", file, in.size - offset, offset, records);
        }
        log.info("Converting the store's journal {} ({} records) to format version {}", file, records, VERSION);
        return new Replayed(state, records, null);
    }
}
