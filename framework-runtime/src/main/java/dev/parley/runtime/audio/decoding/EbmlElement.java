package dev.parley.runtime.audio.decoding;

import java.nio.charset.StandardCharsets;

/**
 * The header of an EBML element (RFC 8794 §4-6): an ID and a data size, both variable-length integers whose first
 * byte's leading zeros say how many bytes follow. One instance is reused for every element a reader meets, so
 * reading allocates nothing. Also reads the small values (unsigned integers, strings) of elements held in memory.
 */
final class EbmlElement {

    /** The size of a Segment or Cluster a live recorder writes before it knows how long it will be. */
    static final long UNKNOWN_SIZE = -1;

    /** The element ID, marker bits included, as the specifications write IDs. */
    int id;
    /** The data size, or {@link #UNKNOWN_SIZE}. */
    long size;
    /** Bytes of the ID and size together. */
    int headerLength;

    /**
     * Reads the header at {@code offset} unless {@code [offset, limit)} holds only part of it.
     *
     * @param position the stream offset of {@code offset}, for messages
     * @return whether the whole header was there
     * @throws AudioDecodingException if the bytes cannot start an element
     */
    boolean read(byte[] bytes, int offset, int limit, long position) {
        if (offset >= limit) {
            return false;
        }
        int idLength = vintLength(bytes[offset]);
        if (idLength > 4) {
            throw corrupt("no element ID can start with byte " + hex(bytes[offset] & 0xFF), position);
        }
        if (offset + idLength >= limit) {
            return false;
        }
        int sizeLength = vintLength(bytes[offset + idLength]);
        if (sizeLength > 8) {
            throw corrupt("the size of element " + hex(readId(bytes, offset, idLength)) + " starts with byte 0x00,"
                    + " which no size can", position);
        }
        if (offset + idLength + sizeLength > limit) {
            return false;
        }
        id = readId(bytes, offset, idLength);
        int sizeStart = offset + idLength;
        long value = bytes[sizeStart] & (0xFF >> sizeLength);
        boolean allOnes = value == 0xFF >> sizeLength;
        for (int i = 1; i < sizeLength; i++) {
            int b = bytes[sizeStart + i] & 0xFF;
            value = value << 8 | b;
            allOnes &= b == 0xFF;
        }
        size = allOnes ? UNKNOWN_SIZE : value;
        headerLength = idLength + sizeLength;
        return true;
    }

    /**
     * Reads the header of a child inside a parent held in memory, which must be whole, known-sized and within
     * {@code limit}.
     */
    void readChild(byte[] bytes, int offset, int limit, long position) {
        if (!read(bytes, offset, limit, position) || size == UNKNOWN_SIZE || size > limit - offset - headerLength) {
            throw corrupt("an element runs past the end of the element that holds it", position);
        }
    }

    /** The bytes a variable-length integer that starts with {@code first} takes; 9 for the invalid 0x00. */
    static int vintLength(byte first) {
        return Integer.numberOfLeadingZeros(first & 0xFF) - 23;
    }

    static long unsigned(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = value << 8 | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    static String string(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++; // EBML strings may be padded with zero bytes
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    static AudioDecodingException corrupt(String what, long position) {
        return new AudioDecodingException("corrupt WebM at byte " + position + ": " + what);
    }

    static String hex(int id) {
        return String.format("0x%X", id);
    }

    private static int readId(byte[] bytes, int offset, int length) {
        return (int) unsigned(bytes, offset, length);
    }
}
