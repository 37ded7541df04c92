package dev.parley.runtime.audio.decoding;

import java.util.Arrays;

/**
 * The bytes of a stream received but not yet consumed, never more than a fixed capacity: pieces are taken in only
 * as far as they fit, so a client that sends data that never completes a unit cannot make it grow further.
 * Indexes are relative to the first unconsumed byte; {@link #position()} is that byte's offset in the stream, for
 * error messages. Skipped bytes ({@link #skip}) are dropped as they arrive, so skipping needs no room.
 */
final class InputBuffer {

    private final int capacity;
    private byte[] bytes = new byte[4096];
    private int start;
    private int end;
    private long position;
    private long skipping;

    InputBuffer(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Takes as much of {@code piece} from {@code offset} on as fits, dropping what a {@link #skip} still covers;
     * returns how many bytes of the piece that was.
     */
    int fill(byte[] piece, int offset) {
        int dropped = (int) Math.min(skipping, piece.length - offset);
        skipping -= dropped;
        position += dropped;
        offset += dropped;
        int count = Math.min(piece.length - offset, capacity - size());
        if (start > 0) {
            System.arraycopy(bytes, start, bytes, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(capacity, Math.max(end + count, bytes.length * 2)));
        }
        System.arraycopy(piece, offset, bytes, end, count);
        end += count;
        return dropped + count;
    }

    int size() {
        return end - start;
    }

    boolean isFull() {
        return size() == capacity;
    }

    /** The stream offset of the first unconsumed byte. */
    long position() {
        return position;
    }

    /** The backing array, valid until the next {@link #fill}; unconsumed bytes start at {@link #arrayOffset()}. */
    byte[] array() {
        return bytes;
    }

    int arrayOffset() {
        return start;
    }

    int u8(int index) {
        return bytes[start + index] & 0xFF;
    }

    int u16le(int index) {
        return u8(index) | u8(index + 1) << 8;
    }

    long u32le(int index) {
        return (u16le(index) | (long) u16le(index + 2) << 16);
    }

    int u32be(int index) {
        return u8(index) << 24 | u8(index + 1) << 16 | u8(index + 2) << 8 | u8(index + 3);
    }

    /** Whether the bytes at {@code index} are the ASCII characters of {@code text}. */
    boolean startsWith(int index, String text) {
        if (index + text.length() > size()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (u8(index + i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    void consume(int count) {
        start += count;
        position += count;
    }

    /** Consumes {@code count} bytes, including ones that have not arrived yet. */
    void skip(long count) {
        int now = (int) Math.min(count, size());
        consume(now);
        skipping += count - now;
    }
}
