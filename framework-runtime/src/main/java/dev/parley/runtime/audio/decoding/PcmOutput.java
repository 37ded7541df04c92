package dev.parley.runtime.audio.decoding;

import dev.parley.runtime.audio.ChannelMixer;
import dev.parley.runtime.audio.Pcm16Codec;
import java.util.Arrays;

/**
 * Collects the mono PCM16 a decoder produces while it works through one piece, and hands it out once per piece.
 * It also trims the stream's edges, which codecs describe apart from the audio: the samples an encoder put
 * before the signal (Opus pre-skip, MP3 encoder delay) are skipped when the {@linkplain #startStream stream starts},
 * and padding after its end is cut by a {@linkplain #limit limit} on the total. The buffers are reused, so decoding allocates once per
 * piece: the array {@link #take()} returns.
 */
final class PcmOutput {

    private short[] samples = new short[4096];
    private int size;
    private float[] scratch = new float[0];
    private long skip;
    private long limit = Long.MAX_VALUE;
    private long kept;

    /** A stream (or the next of chained ones) starts: its first {@code skip} samples are dropped, none limited. */
    void startStream(long skip) {
        this.skip = skip;
        limit = Long.MAX_VALUE;
        kept = 0;
    }

    /** Keeps at most {@code total} samples of the stream, counted after the skipped ones. */
    void limit(long total) {
        limit = total;
    }

    /** Appends mono samples. */
    void add(short[] mono, int offset, int count) {
        int dropped = dropped(count);
        int keep = kept(count - dropped);
        ensure(keep);
        System.arraycopy(mono, offset + dropped, samples, size, keep);
        size += keep;
    }

    /**
     * A float buffer of at least {@code length} for a decoder to convert one frame of interleaved samples (in -1..1)
     * into before {@link #addInterleaved}; reused, so its contents are gone after that call.
     */
    float[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new float[Math.max(length, scratch.length * 2)];
        }
        return scratch;
    }

    /** Appends {@code frames} sample frames of {@code channels} interleaved channels, averaged to mono. */
    void addInterleaved(float[] interleaved, int frames, int channels) {
        if (channels > 1) {
            ChannelMixer.downmixToMono(interleaved, 0, channels, interleaved, 0, frames); // in place: frame f is read before f is written
        }
        int dropped = dropped(frames);
        int keep = kept(frames - dropped);
        ensure(keep);
        for (int i = 0; i < keep; i++) {
            samples[size++] = Pcm16Codec.toPcm16(interleaved[dropped + i]);
        }
    }

    /** Everything appended since the last call; the buffer starts over. */
    short[] take() {
        short[] piece = Arrays.copyOf(samples, size);
        size = 0;
        return piece;
    }

    private int dropped(int count) {
        int dropped = (int) Math.min(skip, count);
        skip -= dropped;
        return dropped;
    }

    private int kept(int count) {
        int keep = (int) Math.max(0, Math.min(count, limit - kept));
        kept += keep;
        return keep;
    }

    private void ensure(int more) {
        if (size + more > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(size + more, samples.length * 2));
        }
    }
}
