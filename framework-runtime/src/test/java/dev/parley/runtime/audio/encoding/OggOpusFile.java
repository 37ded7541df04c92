package dev.parley.runtime.audio.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Ogg Opus file read the way RFC 3533 and RFC 7845 describe it, written for the tests independently of the
 * encoder (no Ogg reader is on the test class path): every page's structure and CRC checked (bit by bit, not by the
 * encoder's table), packets reassembled from the lacing values, then decoded by Concentus' Opus decoder at 48 kHz,
 * with the pre-skip dropped from the start and the end cut at the last granule position.
 */
final class OggOpusFile {

    record Page(int length, int flags, long granulePosition, int serialNumber, int sequenceNumber, int packetsEnded) {
    }

    final List<Page> pages = new ArrayList<>();
    final List<byte[]> packets = new ArrayList<>();

    private OggOpusFile() {
    }

    static OggOpusFile parse(byte[] file) {
        OggOpusFile ogg = new OggOpusFile();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        int at = 0;
        while (at < file.length) {
            assertEquals("OggS", new String(file, at, 4, StandardCharsets.US_ASCII), "capture pattern at byte " + at);
            assertEquals(0, file[at + 4], "stream structure version");
            int segments = file[at + 26] & 0xFF;
            int bodyLength = 0;
            for (int i = 0; i < segments; i++) {
                bodyLength += file[at + 27 + i] & 0xFF;
            }
            int pageLength = 27 + segments + bodyLength;
            byte[] page = Arrays.copyOfRange(file, at, at + pageLength);
            int storedCrc = b.getInt(at + 22);
            Arrays.fill(page, 22, 26, (byte) 0);
            assertEquals(storedCrc, crc(page), "CRC of page " + ogg.pages.size());

            int ended = 0;
            int bodyAt = at + 27 + segments;
            for (int i = 0; i < segments; i++) {
                int lacing = file[at + 27 + i] & 0xFF;
                packet.write(file, bodyAt, lacing);
                bodyAt += lacing;
                if (lacing < 255) {
                    ogg.packets.add(packet.toByteArray());
                    packet.reset();
                    ended++;
                }
            }
            ogg.pages.add(new Page(pageLength, file[at + 5], b.getLong(at + 6), b.getInt(at + 14), b.getInt(at + 18),
                    ended));
            at += pageLength;
        }
        assertEquals(0, packet.size(), "the last packet is complete");
        ogg.checkStructure();
        return ogg;
    }

    private void checkStructure() {
        assertTrue(pages.size() >= 3, "OpusHead, OpusTags and audio pages");
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            assertEquals(pages.get(0).serialNumber(), page.serialNumber(), "one logical stream");
            assertEquals(i, page.sequenceNumber(), "page sequence number");
            assertEquals(i == 0 ? 0x02 : i == pages.size() - 1 ? 0x04 : 0, page.flags(), "flags of page " + i);
            if (i > 0) {
                assertTrue(page.granulePosition() >= pages.get(i - 1).granulePosition(), "granule positions rise");
            }
        }
        // RFC 7845 3: each header packet alone on its page, granule position 0
        assertEquals(1, pages.get(0).packetsEnded());
        assertEquals(1, pages.get(1).packetsEnded());
        assertEquals(0, pages.get(0).granulePosition());
        assertEquals(0, pages.get(1).granulePosition());
        byte[] head = packets.get(0);
        assertEquals("OpusHead", new String(head, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(19, head.length, "OpusHead length with mapping family 0");
        assertEquals(1, head[8], "OpusHead version");
        assertEquals(0, head[18], "channel mapping family");
        assertEquals("OpusTags", new String(packets.get(1), 0, 8, StandardCharsets.US_ASCII));
    }

    int channels() {
        return packets.get(0)[9];
    }

    int preSkip() {
        return ByteBuffer.wrap(packets.get(0)).order(ByteOrder.LITTLE_ENDIAN).getShort(10) & 0xFFFF;
    }

    int inputSampleRate() {
        return ByteBuffer.wrap(packets.get(0)).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
    }

    String vendor() {
        ByteBuffer tags = ByteBuffer.wrap(packets.get(1)).order(ByteOrder.LITTLE_ENDIAN);
        int length = tags.getInt(8);
        assertEquals(0, tags.getInt(12 + length), "user comment count");
        return new String(packets.get(1), 12, length, StandardCharsets.UTF_8);
    }

    /** The audio at 48 kHz, pre-skip and end padding removed. */
    short[] decode() {
        try {
            OpusDecoder decoder = new OpusDecoder(48_000, channels());
            short[] all = new short[0];
            int length = 0;
            short[] frame = new short[5760]; // 120 ms, the longest Opus packet
            for (byte[] audio : packets.subList(2, packets.size())) {
                int count = decoder.decode(audio, 0, audio.length, frame, 0, frame.length, false);
                all = Arrays.copyOf(all, length + count);
                System.arraycopy(frame, 0, all, length, count);
                length += count;
            }
            long end = pages.get(pages.size() - 1).granulePosition();
            assertTrue(end <= length, "last granule position " + end + " within the " + length + " decoded samples");
            return Arrays.copyOfRange(all, preSkip(), (int) end);
        } catch (OpusException e) {
            throw new AssertionError("Concentus cannot decode the Opus packets", e);
        }
    }

    /** Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected), one bit at a time. */
    private static int crc(byte[] data) {
        int crc = 0;
        for (byte value : data) {
            crc ^= (value & 0xFF) << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = crc < 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        return crc;
    }
}
