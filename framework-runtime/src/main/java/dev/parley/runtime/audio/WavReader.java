package dev.parley.runtime.audio;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFormat.Encoding;
import dev.parley.api.AudioFrame;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads RIFF/WAVE files into an {@link AudioFrame} whose format says what the samples are.
 *
 * <p>Supported sample formats are the ones {@link AudioFormat.Encoding} can hold: 16-bit PCM, 32-bit
 * IEEE float, 8-bit A-law and 8-bit mu-law, either as plain format tags or inside
 * WAVE_FORMAT_EXTENSIBLE. Samples are returned as stored, not converted.
 *
 * <p>Tolerated, because real files do it: chunks Parley does not need ({@code LIST}, {@code fact},
 * {@code cue }, ...) are skipped; a RIFF size that is wrong is ignored; a {@code data} size of 0 or
 * 0xFFFFFFFF means "up to the end of the file", which is what streaming writers leave when they cannot
 * seek back; a {@code data} chunk cut short (a truncated recording) yields what is there; a trailing
 * partial sample frame is dropped.
 *
 * <p>Everything else that is wrong throws {@link IllegalArgumentException} with a message saying what
 * was found and, for unsupported formats, what is supported. The messages start with
 * {@code "not a WAV file"}, {@code "malformed WAV"} or {@code "unsupported WAV"}.
 */
public final class WavReader {

    static final int WAVE_FORMAT_PCM = 0x0001;
    static final int WAVE_FORMAT_IEEE_FLOAT = 0x0003;
    static final int WAVE_FORMAT_ALAW = 0x0006;
    static final int WAVE_FORMAT_MULAW = 0x0007;
    static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    /**
     * Bytes 2..15 shared by the KSDATAFORMAT_SUBTYPE_* GUIDs of the basic formats; bytes 0..1 carry
     * the plain format tag.
     */
    private static final byte[] SUBTYPE_GUID_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71
    };

    private static final String SUPPORTED = "supported: 16-bit PCM (tag 0x0001), 32-bit IEEE float (0x0003),"
            + " 8-bit A-law (0x0006) and 8-bit mu-law (0x0007), plain or inside WAVE_FORMAT_EXTENSIBLE (0xFFFE)";

    private static final long SIZE_UNKNOWN = 0xFFFFFFFFL;

    private WavReader() {
    }

    /** Reads the whole stream (without closing it) and parses it. */
    public static AudioFrame read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    /**
     * Parses a complete WAV file held in memory.
     *
     * @return the samples (copied out of {@code wav}) and their format
     * @throws IllegalArgumentException if the bytes are not a WAV file, are malformed, or hold a sample
     *                                  format Parley does not support
     */
    public static AudioFrame read(byte[] wav) {
        if (wav.length < 12) {
            throw new IllegalArgumentException("not a WAV file: " + wav.length
                    + " bytes, a RIFF/WAVE header needs at least 12");
        }
        String riff = fourCc(wav, 0);
        if (riff.equals("RIFX") || riff.equals("RF64")) {
            throw new IllegalArgumentException("unsupported WAV: '" + riff + "' files ("
                    + (riff.equals("RIFX") ? "big-endian" : "64-bit sizes")
                    + ") are not supported, only little-endian 'RIFF'");
        }
        if (!riff.equals("RIFF")) {
            throw new IllegalArgumentException("not a WAV file: expected 'RIFF' at offset 0, found "
                    + quoted(riff));
        }
        String wave = fourCc(wav, 8);
        if (!wave.equals("WAVE")) {
            throw new IllegalArgumentException("not a WAV file: expected 'WAVE' at offset 8, found "
                    + quoted(wave));
        }

        AudioFormat format = null;
        int dataStart = -1;
        int dataLength = 0;
        boolean dataRunsToEnd = false;
        List<String> seen = new ArrayList<>();
        int position = 12;
        while (position + 8 <= wav.length && (format == null || dataStart < 0)) {
            String id = fourCc(wav, position);
            long size = readUint32(wav, position + 4);
            int body = position + 8;
            long remaining = wav.length - (long) body;
            seen.add(quoted(id));
            if (id.equals("data")) {
                dataStart = body;
                if (size == 0 || size == SIZE_UNKNOWN || size > remaining) {
                    // Streaming writers leave 0 or 0xFFFFFFFF; a larger size means a cut-off file.
                    // Either way the samples run to the end of what we have.
                    dataLength = (int) remaining;
                    dataRunsToEnd = true;
                    break;
                }
                dataLength = (int) size;
            } else if (size > remaining) {
                throw new IllegalArgumentException("malformed WAV: chunk " + quoted(id) + " at offset "
                        + position + " declares " + size + " bytes but only " + remaining + " remain");
            } else if (id.equals("fmt ")) {
                format = parseFormat(wav, body, (int) size);
            }
            // Chunks are word-aligned: an odd-sized chunk is followed by a pad byte.
            position = (int) Math.min(wav.length, body + size + (size & 1));
        }

        if (format == null) {
            throw new IllegalArgumentException("malformed WAV: no 'fmt ' chunk"
                    + (dataRunsToEnd ? " before the 'data' chunk that runs to the end" : "")
                    + " (chunks found: " + describe(seen) + ")");
        }
        if (dataStart < 0) {
            throw new IllegalArgumentException("malformed WAV: no 'data' chunk (chunks found: "
                    + describe(seen) + ")");
        }
        int frameSize = format.frameSize();
        int wholeFrames = dataLength - dataLength % frameSize;
        return new AudioFrame(format, Arrays.copyOfRange(wav, dataStart, dataStart + wholeFrames));
    }

    private static AudioFormat parseFormat(byte[] wav, int offset, int size) {
        if (size < 16) {
            throw new IllegalArgumentException("malformed WAV: 'fmt ' chunk is " + size
                    + " bytes, needs at least 16");
        }
        int tag = readUint16(wav, offset);
        int channels = readUint16(wav, offset + 2);
        long sampleRate = readUint32(wav, offset + 4);
        int blockAlign = readUint16(wav, offset + 12);
        int bitsPerSample = readUint16(wav, offset + 14);
        boolean extensible = tag == WAVE_FORMAT_EXTENSIBLE;
        if (extensible) {
            if (size < 40) {
                throw new IllegalArgumentException("malformed WAV: WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is "
                        + size + " bytes, needs 40");
            }
            int guid = offset + 24;
            if (!Arrays.equals(wav, guid + 2, guid + 16, SUBTYPE_GUID_TAIL, 0, SUBTYPE_GUID_TAIL.length)) {
                throw new IllegalArgumentException("unsupported WAV: WAVE_FORMAT_EXTENSIBLE sub-format "
                        + guidToString(wav, guid) + " is not a basic format; " + SUPPORTED);
            }
            tag = readUint16(wav, guid);
        }
        Encoding encoding = encodingOf(tag, bitsPerSample);
        if (encoding == null) {
            throw new IllegalArgumentException("unsupported WAV: format tag " + hex(tag)
                    + (extensible ? " (inside WAVE_FORMAT_EXTENSIBLE)" : "") + " with " + bitsPerSample
                    + " bits per sample; " + SUPPORTED);
        }
        if (channels == 0) {
            throw new IllegalArgumentException("malformed WAV: 'fmt ' chunk declares 0 channels");
        }
        if (sampleRate == 0 || sampleRate > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("malformed WAV: 'fmt ' chunk declares a sample rate of "
                    + sampleRate + " Hz");
        }
        int expectedAlign = channels * encoding.bytesPerSample();
        if (blockAlign != expectedAlign) {
            throw new IllegalArgumentException("malformed WAV: block align " + blockAlign + " does not match "
                    + channels + " channel(s) of " + bitsPerSample + "-bit samples (expected " + expectedAlign
                    + ")");
        }
        return new AudioFormat(encoding, (int) sampleRate, channels);
    }

    private static Encoding encodingOf(int tag, int bitsPerSample) {
        if (tag == WAVE_FORMAT_PCM && bitsPerSample == 16) {
            return Encoding.PCM16_LE;
        }
        if (tag == WAVE_FORMAT_IEEE_FLOAT && bitsPerSample == 32) {
            return Encoding.FLOAT32_LE;
        }
        if (tag == WAVE_FORMAT_ALAW && bitsPerSample == 8) {
            return Encoding.ALAW;
        }
        if (tag == WAVE_FORMAT_MULAW && bitsPerSample == 8) {
            return Encoding.MULAW;
        }
        return null;
    }

    private static String fourCc(byte[] bytes, int offset) {
        char[] chars = new char[4];
        for (int i = 0; i < 4; i++) {
            chars[i] = (char) (bytes[offset + i] & 0xFF);
        }
        return new String(chars);
    }

    /** The id in quotes, with unprintable bytes escaped so a binary file gives a readable message. */
    private static String quoted(String fourCc) {
        StringBuilder out = new StringBuilder("'");
        for (char c : fourCc.toCharArray()) {
            if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append(String.format("\\x%02X", (int) c));
            }
        }
        return out.append('\'').toString();
    }

    private static String describe(List<String> chunks) {
        return chunks.isEmpty() ? "none" : String.join(", ", chunks);
    }

    private static String hex(int tag) {
        return String.format("0x%04X", tag);
    }

    private static String guidToString(byte[] b, int o) {
        return String.format("{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
                readUint32(b, o), readUint16(b, o + 4), readUint16(b, o + 6),
                b[o + 8], b[o + 9], b[o + 10], b[o + 11], b[o + 12], b[o + 13], b[o + 14], b[o + 15]);
    }

    private static int readUint16(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
    }

    private static long readUint32(byte[] b, int offset) {
        return ((b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8 | (b[offset + 2] & 0xFF) << 16
                | (long) (b[offset + 3] & 0xFF) << 24);
    }
}
