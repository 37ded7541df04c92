package dev.parley.runtime.audio.decoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Ogg Opus (RFC 7845), streamed: pages (RFC 3533) are read as they complete, their CRC checked, and their segments
 * joined into packets, which may span pages. The first packet is the Opus header, the second the tags (ignored),
 * the rest audio. Pages of other logical streams are skipped; a new stream after an end-of-stream page (a chained
 * file, a restarted recorder) starts over with its own header. The last page's granule position trims the encoder's
 * padding from the end.
 */
public final class OggOpusDecoder extends OpusContainerDecoder {

    private static final int PAGE_HEADER = 27;
    private static final int FLAG_FIRST = 2;
    private static final int FLAG_LAST = 4;
    private static final int[] CRC_TABLE = crcTable();

    private boolean pageSeen;
    private int serial;
    private boolean ended;
    private int packets;
    private byte[] packet = new byte[1024];
    private int packetLength;

    /** Decodes at 16 kHz. */
    public OggOpusDecoder() {
        this(OpusStream.SPEECH_RATE);
    }

    /** Decodes at {@code sampleRate}: 8000, 12000, 16000, 24000 or 48000 Hz (else IllegalArgumentException). */
    public OggOpusDecoder(int sampleRate) {
        super(sampleRate);
    }

    @Override
    void consumeInput() {
        while (input.size() >= PAGE_HEADER) {
            if (!input.startsWith(0, "OggS")) {
                throw new AudioDecodingException(pageSeen
                        ? "corrupt Ogg: no page starts at byte " + input.position() + " (garbage, or a page cut short)"
                        : "not Ogg: the stream does not start with 'OggS'");
            }
            if (input.u8(4) != 0) {
                throw new AudioDecodingException("Ogg page version " + input.u8(4) + " at byte " + input.position()
                        + " is not supported (0 is)");
            }
            int segments = input.u8(26);
            if (input.size() < PAGE_HEADER + segments) {
                return;
            }
            int length = PAGE_HEADER + segments;
            for (int i = 0; i < segments; i++) {
                length += input.u8(PAGE_HEADER + i);
            }
            if (input.size() < length) {
                return;
            }
            checkCrc(length);
            readPage(segments);
            input.consume(length);
        }
    }

    private void checkCrc(int length) {
        byte[] bytes = input.array();
        int offset = input.arrayOffset();
        int crc = 0;
        for (int i = 0; i < length; i++) {
            int b = i >= 22 && i < 26 ? 0 : bytes[offset + i]; // the CRC is computed with its own field zeroed
            crc = crc << 8 ^ CRC_TABLE[(crc >>> 24 ^ b) & 0xFF];
        }
        if (crc != (int) input.u32le(22)) {
            throw new AudioDecodingException("corrupt Ogg: the page at byte " + input.position()
                    + " fails its CRC check");
        }
    }

    private void readPage(int segments) {
        int flags = input.u8(5);
        int pageSerial = (int) input.u32le(14);
        if (!pageSeen || ended && (flags & FLAG_FIRST) != 0) {
            pageSeen = true;
            serial = pageSerial;
            ended = false;
            packets = 0;
            packetLength = 0;
        } else if (pageSerial != serial || ended) {
            return;
        }
        if ((flags & FLAG_LAST) != 0) {
            ended = true;
            long granule = input.u32le(6) | input.u32le(10) << 32;
            if (opus() != null && granule != -1) {
                opus().endAtGranule(granule, output);
            }
        }
        // a lacing value of 255 means the packet goes on, in the next segment or on the next page
        int at = PAGE_HEADER + segments;
        for (int i = 0; i < segments; i++) {
            int lacing = input.u8(PAGE_HEADER + i);
            append(at, lacing);
            at += lacing;
            if (lacing < 255) {
                readPacket();
                packetLength = 0;
            }
        }
    }

    private void append(int index, int length) {
        if (packetLength + length > MAX_BUFFERED) {
            throw new AudioDecodingException("an Ogg packet ending after byte " + input.position() + " is larger than "
                    + maxBufferedText());
        }
        if (packetLength + length > packet.length) {
            packet = Arrays.copyOf(packet, Math.max(packetLength + length, packet.length * 2));
        }
        System.arraycopy(input.array(), input.arrayOffset() + index, packet, packetLength, length);
        packetLength += length;
    }

    private void readPacket() {
        switch (packets++) {
            case 0 -> {
                if (!OpusHead.isOpusHead(packet, 0, packetLength)) {
                    throw new AudioDecodingException("the Ogg stream carries " + codecOf(packet, packetLength)
                            + "; only Opus is supported");
                }
                startOpus(OpusHead.parse(packet, 0, packetLength, "the first Ogg packet"));
            }
            case 1 -> {
                // OpusTags: names and comments, nothing that changes the audio
            }
            default -> opus().decode(packet, 0, packetLength, output);
        }
    }

    private static String codecOf(byte[] packet, int length) {
        String start = new String(packet, 0, Math.min(length, 8), StandardCharsets.ISO_8859_1);
        if (start.startsWith("\u0001vorbis")) {
            return "Vorbis";
        }
        if (start.startsWith("\u007FFLAC")) {
            return "FLAC";
        }
        return start.startsWith("Speex") ? "Speex" : "no codec Parley knows";
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x80000000) != 0 ? r << 1 ^ 0x04C11DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
