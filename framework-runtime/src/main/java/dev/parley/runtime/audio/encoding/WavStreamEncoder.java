package dev.parley.runtime.audio.encoding;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.runtime.audio.Pcm16Codec;
import dev.parley.runtime.audio.WavWriter;
import java.util.Arrays;

/**
 * 16-bit mono PCM WAV: the first piece starts with the canonical 44-byte header, then every piece is little-endian
 * samples.
 *
 * <p>The header's RIFF and data sizes are 0xFFFFFFFF. The header goes out before the response has been spoken, so
 * the length is unknown, and a socket cannot go back to patch it. 0xFFFFFFFF is the usual mark of a WAV of unknown
 * length (ffmpeg writes it when its output cannot seek), which readers take as "data until the end"; a size of 0 or
 * a guess would make strict readers stop early or complain.
 */
public final class WavStreamEncoder extends AbstractStreamEncoder {

    /** Where the canonical header keeps the RIFF size and the data size. */
    private static final int RIFF_SIZE_OFFSET = 4;
    private static final int DATA_SIZE_OFFSET = 40;

    private byte[] header;

    /** @throws IllegalArgumentException if {@code sampleRate} is not positive */
    public WavStreamEncoder(int sampleRate) {
        super("WAV", sampleRate);
        // WavWriter's header for no samples, with the sizes marked unknown
        header = WavWriter.write(new AudioFrame(AudioFormat.pcm16(sampleRate), NOTHING));
        markUnknown(header, RIFF_SIZE_OFFSET);
        markUnknown(header, DATA_SIZE_OFFSET);
    }

    @Override
    byte[] encodeSamples(short[] samples, int offset, int length) {
        int start = header.length;
        byte[] piece = new byte[start + length * 2];
        System.arraycopy(header, 0, piece, 0, start);
        Pcm16Codec.fromShorts(samples, offset, piece, start, length);
        header = NOTHING;
        return piece;
    }

    @Override
    byte[] finishStream() {
        // an empty stream is still a WAV file
        byte[] rest = header;
        header = NOTHING;
        return rest;
    }

    private static void markUnknown(byte[] wav, int offset) {
        Arrays.fill(wav, offset, offset + 4, (byte) 0xFF);
    }
}
