package dev.cascade.local.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/** Random access to a journal through a window of the file. */
final class JournalReader {

    final long size;
    private final FileChannel channel;
    private ByteBuffer window = ByteBuffer.allocate(1 << 20);
    private long start = 0;
    private int filled = 0;

    JournalReader(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    /** Makes {@code [offset, offset + n)} (inside the file) part of the window; returns its index there. */
    private int at(long offset, int n) throws IOException {
        if (offset >= start && offset + n <= start + filled) {
            return (int) (offset - start);
        }
        if (window.capacity() < n) {
            window = ByteBuffer.allocate(n);
        }
        window.clear();
        window.limit((int) Math.min(window.capacity(), size - offset));
        JournalFiles.readFully(channel, window, offset);
        start = offset;
        filled = window.position();
        return 0;
    }

    int intAt(long offset) throws IOException {
        return window.getInt(at(offset, 4));
    }

    byte byteAt(long offset) throws IOException {
        return window.get(at(offset, 1));
    }

    byte[] bytes(long offset, int n) throws IOException {
        int i = at(offset, n);
        byte[] bytes = new byte[n];
        System.arraycopy(window.array(), i, bytes, 0, n);
        return bytes;
    }

    int checksum(long offset, int n, CRC32C crc) throws IOException {
        int i = at(offset, n);
        crc.reset();
        crc.update(window.array(), i, n);
        return (int) crc.getValue();
    }
}
