package dev.parley.runtime.audio.decoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Opus identification header (RFC 7845 §5.1): the first Ogg Opus packet, and the CodecPrivate of a Matroska
 * A_OPUS track. Only what decoding needs is kept (a mono decoder mixes either channel count down); streams of more
 * than two channels (several Opus streams per packet) are refused, since nothing that records a voice makes them.
 *
 * @param preSkip    samples at 48 kHz the decoder outputs before the signal starts, to be dropped
 * @param outputGain gain to apply, in Q7.8 dB
 */
record OpusHead(int preSkip, int outputGain) {

    private static final byte[] MAGIC = "OpusHead".getBytes(StandardCharsets.US_ASCII);

    /** The header of a stream with no header, as one raw Opus packet after another is. */
    static final OpusHead NONE = new OpusHead(0, 0);

    static boolean isOpusHead(byte[] bytes, int offset, int length) {
        return length >= MAGIC.length && Arrays.equals(bytes, offset, offset + MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** Parses the header; {@code where} names its place in the stream for messages. */
    static OpusHead parse(byte[] bytes, int offset, int length, String where) {
        if (!isOpusHead(bytes, offset, length)) {
            throw new AudioDecodingException(where + " is not an Opus header ('OpusHead')");
        }
        if (length < 19) {
            throw new AudioDecodingException(where + ": the Opus header is " + length + " bytes, needs at least 19");
        }
        int version = bytes[offset + 8] & 0xFF;
        if (version >> 4 != 0) {
            throw new AudioDecodingException(where + ": Opus header version " + version + " is not supported (0.x is)");
        }
        int channels = bytes[offset + 9] & 0xFF;
        if (channels < 1 || channels > 2) {
            throw new AudioDecodingException(where + ": Opus with " + channels + " channels is not supported,"
                    + " only mono and stereo");
        }
        int preSkip = (bytes[offset + 10] & 0xFF) | (bytes[offset + 11] & 0xFF) << 8;
        int gain = (short) ((bytes[offset + 16] & 0xFF) | (bytes[offset + 17] & 0xFF) << 8);
        return new OpusHead(preSkip, gain);
    }
}
