package dev.parley.runtime.speech.tts;

import dev.parley.api.AudioFormat;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a RIFF/WAVE header from a stream up to the first sample, for synthesizers that write WAV to a pipe. The data
 * chunk's size is ignored: programs streaming to a pipe cannot know it and write 0 or a huge placeholder, so the
 * samples simply run to the end of the stream.
 */
final class WavStreamHeader {

    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xFFFE;

    private WavStreamHeader() {
    }

    /**
     * Consumes the header and returns the samples' format; the stream is then positioned at the first sample.
     *
     * @throws IOException if the stream is not 16-bit PCM WAV or ends inside the header
     */
    static AudioFormat read(InputStream in) throws IOException {
        byte[] word = new byte[8];
        readFully(in, word, 0, 4);
        if (!fourCc(word, "RIFF")) {
            throw new IOException("not a WAV stream (no RIFF header)");
        }
        readFully(in, word, 0, 8); // RIFF size (unreliable on pipes), then WAVE
        if (!fourCc(word, 4, "WAVE")) {
            throw new IOException("not a WAV stream (RIFF, but not WAVE)");
        }
        AudioFormat format = null;
        while (true) {
            readFully(in, word, 0, 8);
            long size = littleEndianInt(word, 4) & 0xFFFFFFFFL;
            if (fourCc(word, "data")) {
                if (format == null) {
                    throw new IOException("WAV data before its fmt chunk");
                }
                return format;
            }
            if (fourCc(word, "fmt ")) {
                if (size < 16 || size > 1024) {
                    throw new IOException("WAV fmt chunk of " + size + " bytes");
                }
                byte[] fmt = new byte[(int) size + (int) (size & 1)];
                readFully(in, fmt, 0, fmt.length);
                int tag = littleEndianShort(fmt, 0);
                int channels = littleEndianShort(fmt, 2);
                int rate = littleEndianInt(fmt, 4);
                int bits = littleEndianShort(fmt, 14);
                if ((tag != PCM && tag != EXTENSIBLE) || bits != 16) {
                    throw new IOException("WAV is not 16-bit PCM (format tag " + tag + ", " + bits + " bits)");
                }
                format = new AudioFormat(AudioFormat.Encoding.PCM16_LE, rate, channels);
            } else {
                skipFully(in, size + (size & 1));
            }
        }
    }

    private static boolean fourCc(byte[] bytes, String id) {
        return fourCc(bytes, 0, id);
    }

    private static boolean fourCc(byte[] bytes, int offset, String id) {
        for (int i = 0; i < 4; i++) {
            if (bytes[offset + i] != id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int littleEndianShort(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
    }

    private static int littleEndianInt(byte[] b, int offset) {
        return littleEndianShort(b, offset) | littleEndianShort(b, offset + 2) << 16;
    }

    private static void readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        if (in.readNBytes(buffer, offset, length) != length) {
            throw new EOFException("the WAV stream ended inside its header");
        }
    }

    private static void skipFully(InputStream in, long count) throws IOException {
        for (long left = count; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the WAV stream ended inside its header");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
