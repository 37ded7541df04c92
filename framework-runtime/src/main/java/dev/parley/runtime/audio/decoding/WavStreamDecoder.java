package dev.parley.runtime.audio.decoding;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A RIFF/WAVE file arriving in pieces: the header chunks are read as they complete, then the {@code data} chunk's
 * samples are decoded as whole sample frames arrive. A {@code data} size of 0 or 0xFFFFFFFF, which writers that
 * cannot seek back leave, means the samples go on for as long as the stream does; anything after a sized
 * {@code data} chunk (LIST and other trailing chunks) is not audio and is dropped.
 *
 * <p>{@link dev.parley.runtime.audio.WavReader} reads whole files into an {@code AudioFormat}, which has no 8-, 24-
 * or 32-bit integer encodings, so this class parses the {@code fmt } chunk itself ({@link WavSampleFormat}).
 */
public final class WavStreamDecoder extends BufferedDecoder {

    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID of a basic format; bytes 0..1 hold the format tag. */
    private static final byte[] SUBTYPE_GUID_END = HexFormat.of().parseHex("000000001000800000aa00389b71");
    /** Sample frames converted at a time, so the float buffer stays small whatever the piece size. */
    private static final int FRAMES_PER_STEP = 4096;
    private static final long STREAMING = Long.MAX_VALUE;
    /** More channels than any recording of a voice has; the bound keeps the float buffer small. */
    private static final int MAX_CHANNELS = 8;

    private boolean riffRead;
    private WavSampleFormat format;
    private int channels;
    private int sampleRate;
    private int frameSize;
    /** Bytes of the data chunk still to come: -1 before it, {@link #STREAMING} if it has no size. */
    private long dataLeft = -1;

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    void consumeInput() {
        if (!riffRead) {
            if (input.size() < 12) {
                return;
            }
            checkRiff();
            input.consume(12);
            riffRead = true;
        }
        while (dataLeft < 0) {
            if (input.size() < 8 || !readChunk()) {
                return;
            }
        }
        decodeSamples();
    }

    private void checkRiff() {
        if (input.startsWith(0, "RIFX") || input.startsWith(0, "RF64")) {
            throw new AudioDecodingException("WAV files in RIFX (big-endian) or RF64 (64-bit sizes) form are not"
                    + " supported, only RIFF");
        }
        if (!input.startsWith(0, "RIFF") || !input.startsWith(8, "WAVE")) {
            throw new AudioDecodingException("not WAV: the stream does not start with 'RIFF....WAVE'");
        }
    }

    /** Reads or skips the chunk at the start of the input; false if it has not all arrived. */
    private boolean readChunk() {
        long position = input.position();
        for (int i = 0; i < 4; i++) {
            if (input.u8(i) < 0x20 || input.u8(i) > 0x7E) {
                throw new AudioDecodingException("corrupt WAV: no chunk ID at byte " + position);
            }
        }
        long size = input.u32le(4);
        if (input.startsWith(0, "data")) {
            if (format == null) {
                throw new AudioDecodingException("corrupt WAV: the 'data' chunk at byte " + position
                        + " comes before the 'fmt ' chunk that says what it holds");
            }
            input.consume(8);
            dataLeft = size == 0 || size == 0xFFFFFFFFL ? STREAMING : size;
            return true;
        }
        if (size > MAX_BUFFERED - 8) {
            throw new AudioDecodingException("WAV chunk at byte " + position + " is " + size + " bytes; at most "
                    + maxBufferedText() + " is accepted before the audio");
        }
        long total = 8 + size + (size & 1); // chunks are word-aligned
        if (input.startsWith(0, "fmt ")) {
            if (input.size() < total) {
                return false;
            }
            readFormat((int) size, position);
        }
        input.skip(total);
        return true;
    }

    private void readFormat(int size, long position) {
        if (size < 16) {
            throw new AudioDecodingException("corrupt WAV: the 'fmt ' chunk at byte " + position + " is " + size
                    + " bytes, needs at least 16");
        }
        int tag = input.u16le(8);
        channels = input.u16le(10);
        long rate = input.u32le(12);
        int blockAlign = input.u16le(20);
        int bits = input.u16le(22);
        if (tag == WAVE_FORMAT_EXTENSIBLE && size >= 40 && Arrays.equals(input.array(),
                input.arrayOffset() + 34, input.arrayOffset() + 48, SUBTYPE_GUID_END, 0, SUBTYPE_GUID_END.length)) {
            tag = input.u16le(32);
        }
        format = WavSampleFormat.of(tag, bits);
        if (format == null) {
            throw new AudioDecodingException(String.format("WAV format tag 0x%04X with %d-bit samples is not"
                    + " supported; supported: %s", tag, bits, WavSampleFormat.SUPPORTED));
        }
        if (channels > MAX_CHANNELS) {
            throw new AudioDecodingException("WAV with " + channels + " channels is not supported, at most "
                    + MAX_CHANNELS);
        }
        if (channels == 0 || rate == 0 || rate > 768_000 || blockAlign != channels * format.bytesPerSample()) {
            throw new AudioDecodingException("corrupt WAV: the 'fmt ' chunk says " + channels + " channels at "
                    + rate + " Hz in blocks of " + blockAlign + " bytes");
        }
        sampleRate = (int) rate;
        frameSize = blockAlign;
    }

    private void decodeSamples() {
        int frames = (int) (Math.min(input.size(), dataLeft) / frameSize);
        while (frames > 0) {
            int step = Math.min(frames, FRAMES_PER_STEP);
            float[] floats = output.scratch(step * channels);
            format.toFloats(input.array(), input.arrayOffset(), floats, step * channels);
            output.addInterleaved(floats, step, channels);
            input.consume(step * frameSize);
            frames -= step;
            if (dataLeft != STREAMING) {
                dataLeft -= (long) step * frameSize;
            }
        }
        if (dataLeft < frameSize) {
            input.skip(input.size()); // after the samples: trailing chunks, or a last partial frame
        }
    }
}
