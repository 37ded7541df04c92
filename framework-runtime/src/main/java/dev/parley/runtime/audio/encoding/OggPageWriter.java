package dev.parley.runtime.audio.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Packs the packets of one logical Ogg stream into pages (RFC 3533): capture pattern "OggS", flags, granule position,
 * serial number, page sequence number, CRC-32 and the lacing values that cut the page body into packets.
 *
 * <p>A page is written when the caller asks (so what was encoded goes out at once) or when a packet would not fit in
 * its 255 lacing values. Packets never continue onto another page: Opus packets are at most 1275 bytes, and a page
 * holds 255 x 255. The first page written is marked beginning-of-stream. Not thread-safe.
 */
final class OggPageWriter {

    private static final byte[] CAPTURE_PATTERN = "OggS".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SIZE = 27;
    private static final int MAX_SEGMENTS = 255;
    private static final int FLAG_BEGINNING = 0x02;
    private static final int FLAG_END = 0x04;
    private static final int[] CRC_TABLE = crcTable();

    private final int serialNumber;
    private final byte[] lacing = new byte[MAX_SEGMENTS];
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int segments;
    private int sequenceNumber;
    private long granulePosition;

    OggPageWriter(int serialNumber) {
        this.serialNumber = serialNumber;
    }

    /**
     * Adds a packet to the page being built, first writing that page to {@code out} if the packet would not fit.
     *
     * @param granulePosition the stream's granule position once this packet is decoded
     */
    void add(byte[] packet, int offset, int length, long granulePosition, ByteArrayOutputStream out) {
        int needed = length / 255 + 1; // a packet ends with a lacing value below 255, possibly 0
        if (segments + needed > MAX_SEGMENTS) {
            writePage(out, false);
        }
        for (int i = 1; i < needed; i++) {
            lacing[segments++] = (byte) 255;
        }
        lacing[segments++] = (byte) (length % 255);
        body.write(packet, offset, length);
        this.granulePosition = granulePosition;
    }

    /** Writes the page being built to {@code out} if it holds a packet; {@code last} marks it end-of-stream. */
    void flush(ByteArrayOutputStream out, boolean last) {
        if (segments > 0) {
            writePage(out, last);
        }
    }

    private void writePage(ByteArrayOutputStream out, boolean last) {
        byte[] page = new byte[HEADER_SIZE + segments + body.size()];
        int flags = (sequenceNumber == 0 ? FLAG_BEGINNING : 0) | (last ? FLAG_END : 0);
        ByteBuffer header = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        header.put(CAPTURE_PATTERN).put((byte) 0).put((byte) flags).putLong(granulePosition)
                .putInt(serialNumber).putInt(sequenceNumber).putInt(0).put((byte) segments).put(lacing, 0, segments);
        header.put(body.toByteArray());
        header.putInt(22, crc(page)); // computed with the field zeroed, as the format says
        out.writeBytes(page);
        sequenceNumber++;
        segments = 0;
        body.reset();
    }

    /** Ogg's CRC-32: polynomial 0x04C11DB7, initial value 0, no reflection, no final XOR. */
    private static int crc(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xFF];
        }
        return crc;
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
