package dev.cascade.local.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** File operations of the journal: whole reads, writes and copies, and the quiet clean-ups. */
final class JournalFiles {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    private JournalFiles() {
    }

    static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    static void readFully(FileChannel in, ByteBuffer into, long offset) throws IOException {
        while (into.hasRemaining()) {
            if (in.read(into, offset + into.position()) < 0) {
                throw new IOException("unexpected end of the store's journal at " + (offset + into.position()));
            }
        }
    }

    static void transfer(FileChannel from, long start, long end, FileChannel to) throws IOException {
        long at = start;
        while (at < end) {
            long moved = from.transferTo(at, end - at, to);
            if (moved <= 0) {
                throw new IOException("cannot copy the store's journal from offset " + at);
            }
            at += moved;
        }
    }

    /** Makes a rename in the file's directory durable (where the platform allows opening a directory). */
    static void syncDirectory(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException e) {
            log.debug("Cannot force the directory {} (not supported here)", directory, e);
        }
    }

    static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Cannot delete {}", path, e);
        }
    }
}
