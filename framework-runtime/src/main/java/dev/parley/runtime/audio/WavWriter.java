package dev.parley.runtime.audio;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an {@link AudioFrame} as a canonical 44-byte-header 16-bit PCM WAV file, the variant every
 * player and speech tool reads. Frames in another encoding are converted to 16-bit PCM (same rate
 * and channels) on the way out.
 */
public final class WavWriter {

    static final int HEADER_SIZE = 44;

    private WavWriter() {
    }

    /** The complete WAV file. */
    public static byte[] write(AudioFrame frame) {
        AudioFormat format = frame.format();
        int samples = frame.sampleCount() * format.channels();
        long dataSize = (long) samples * 2;
        if (HEADER_SIZE + dataSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frame too large for an in-memory WAV file: " + frame);
        }
        byte[] wav = new byte[HEADER_SIZE + (int) dataSize];
        writeHeader(wav, format.sampleRate(), format.channels(), (int) dataSize);
        if (format.encoding() == AudioFormat.Encoding.PCM16_LE) {
            System.arraycopy(frame.data(), 0, wav, HEADER_SIZE, (int) dataSize);
        } else {
            float[] decoded = new float[samples];
            SampleCodec.decode(format.encoding(), frame.data(), 0, decoded, 0, samples);
            Pcm16Codec.fromFloats(decoded, 0, wav, HEADER_SIZE, samples);
        }
        return wav;
    }

    /** Writes the complete WAV file to {@code out} (which is not closed). */
    public static void write(AudioFrame frame, OutputStream out) throws IOException {
        out.write(write(frame));
    }

    private static void writeHeader(byte[] wav, int sampleRate, int channels, int dataSize) {
        int blockAlign = channels * 2;
        putAscii(wav, 0, "RIFF");
        putUint32(wav, 4, 36 + dataSize); // everything after this field
        putAscii(wav, 8, "WAVE");
        putAscii(wav, 12, "fmt ");
        putUint32(wav, 16, 16);
        putUint16(wav, 20, WavReader.WAVE_FORMAT_PCM);
        putUint16(wav, 22, channels);
        putUint32(wav, 24, sampleRate);
        putUint32(wav, 28, sampleRate * blockAlign);
        putUint16(wav, 32, blockAlign);
        putUint16(wav, 34, 16);
        putAscii(wav, 36, "data");
        putUint32(wav, 40, dataSize);
    }

    private static void putAscii(byte[] b, int offset, String fourCc) {
        for (int i = 0; i < 4; i++) {
            b[offset + i] = (byte) fourCc.charAt(i);
        }
    }

    private static void putUint16(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >> 8);
    }

    private static void putUint32(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >> 8);
        b[offset + 2] = (byte) (value >> 16);
        b[offset + 3] = (byte) (value >> 24);
    }
}
