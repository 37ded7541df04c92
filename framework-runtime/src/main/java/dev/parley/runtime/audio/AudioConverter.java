package dev.parley.runtime.audio;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import java.util.Objects;

/**
 * Converts one stream of {@link AudioFrame}s from one {@link AudioFormat} to another: decode to float,
 * fix the channel count, resample, encode. For example a caller's 8 kHz mu-law into the 16 kHz PCM a
 * speech recognizer wants, or a 24 kHz TTS voice back into 8 kHz mu-law.
 *
 * <p>Channels: if the counts differ, the input is averaged to mono and, when the output has more than
 * one channel, that mono signal is copied to each of them. Equal counts are kept channel for channel.
 *
 * <p>An instance is stateful, because its {@link Resampler}s carry history from frame to frame so frame
 * borders stay click-free, and therefore belongs to one stream and one thread. Its scratch buffers
 * are reused, so converting a frame allocates only the returned frame. When both formats are equal
 * {@link #convert} returns the frame it was given.
 *
 * <p>When the rates differ the output is delayed by the resampler's filter (a few milliseconds), and a
 * frame yields exactly as many output samples as its share of the rate ratio, e.g. 160 at 8 kHz for
 * every 320 at 16 kHz; see {@link Resampler} for the exact rule. {@link #flush()} releases the delayed
 * tail when a stream ends.
 */
public final class AudioConverter {

    private final AudioFormat from;
    private final AudioFormat to;
    private final boolean identity;
    /** Channels while resampling: the input's if the counts match, otherwise 1 (mixed down). */
    private final int resampledChannels;
    /** One per resampled channel, or null when the rates are equal. */
    private final Resampler[] resamplers;

    private float[] decoded = new float[0];
    private float[] mono = new float[0];
    private float[] channelIn = new float[0];
    private float[] channelOut = new float[0];
    private float[] resampled = new float[0];
    private float[] expanded = new float[0];

    /**
     * @throws IllegalArgumentException if the rates have no reasonable exact ratio (see
     *                                  {@link Resampler#Resampler(int, int)})
     */
    public AudioConverter(AudioFormat from, AudioFormat to) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.identity = from.equals(to);
        this.resampledChannels = from.channels() == to.channels() ? from.channels() : 1;
        if (from.sampleRate() == to.sampleRate()) {
            this.resamplers = null;
        } else {
            this.resamplers = new Resampler[resampledChannels];
            for (int c = 0; c < resampledChannels; c++) {
                resamplers[c] = new Resampler(from.sampleRate(), to.sampleRate());
            }
        }
    }

    public AudioFormat inputFormat() {
        return from;
    }

    public AudioFormat outputFormat() {
        return to;
    }

    /**
     * Converts the next frame of the stream.
     *
     * @return {@code frame} itself when the formats are equal, otherwise a new frame in the output
     *         format; it may be empty when resampling down and the frame is shorter than one output
     *         sample period
     * @throws IllegalArgumentException if the frame is not in this converter's input format
     */
    public AudioFrame convert(AudioFrame frame) {
        if (!frame.format().equals(from)) {
            throw new IllegalArgumentException("frame format " + frame.format()
                    + " does not match this converter's input format " + from);
        }
        if (identity) {
            return frame;
        }
        int frames = frame.sampleCount();
        int samples = frames * from.channels();
        decoded = ensure(decoded, samples);
        SampleCodec.decode(from.encoding(), frame.data(), 0, decoded, 0, samples);

        float[] stage = decoded;
        if (resampledChannels != from.channels()) {
            mono = ensure(mono, frames);
            ChannelMixer.downmixToMono(decoded, 0, from.channels(), mono, 0, frames);
            stage = mono;
        }
        if (resamplers != null) {
            frames = resample(stage, frames);
            stage = resampled;
        }
        return encode(stage, frames);
    }

    /**
     * Ends the stream: returns the output still held back by the resampler (empty if the rates are
     * equal) and resets the converter for a new stream.
     */
    public AudioFrame flush() {
        if (resamplers == null) {
            return new AudioFrame(to, new byte[0]);
        }
        int frames = 0;
        for (int c = 0; c < resampledChannels; c++) {
            float[] tail = resamplers[c].flush();
            frames = tail.length; // every channel saw the same lengths, so every tail is as long
            resampled = ensure(resampled, frames * resampledChannels);
            interleave(tail, c, frames);
        }
        return encode(resampled, frames);
    }

    /** Forgets the resampler history, e.g. after a barge-in, without producing a tail. */
    public void reset() {
        if (resamplers != null) {
            for (Resampler resampler : resamplers) {
                resampler.reset();
            }
        }
    }

    /** Resamples {@code frames} frames of {@code input} into {@link #resampled}; returns the count. */
    private int resample(float[] input, int frames) {
        int outFrames = resamplers[0].outputLength(frames);
        resampled = ensure(resampled, outFrames * resampledChannels);
        if (resampledChannels == 1) {
            resamplers[0].process(input, 0, frames, resampled, 0);
            return outFrames;
        }
        channelIn = ensure(channelIn, frames);
        channelOut = ensure(channelOut, outFrames);
        for (int c = 0; c < resampledChannels; c++) {
            for (int f = 0, s = c; f < frames; f++, s += resampledChannels) {
                channelIn[f] = input[s];
            }
            resamplers[c].process(channelIn, 0, frames, channelOut, 0);
            interleave(channelOut, c, outFrames);
        }
        return outFrames;
    }

    private void interleave(float[] channel, int c, int frames) {
        for (int f = 0, d = c; f < frames; f++, d += resampledChannels) {
            resampled[d] = channel[f];
        }
    }

    /** Expands to the output channel count if needed and encodes {@code frames} frames. */
    private AudioFrame encode(float[] stage, int frames) {
        float[] samples = stage;
        if (resampledChannels != to.channels()) {
            expanded = ensure(expanded, frames * to.channels());
            ChannelMixer.duplicateMono(stage, 0, to.channels(), expanded, 0, frames);
            samples = expanded;
        }
        byte[] out = new byte[frames * to.frameSize()];
        SampleCodec.encode(to.encoding(), samples, 0, out, 0, frames * to.channels());
        return new AudioFrame(to, out);
    }

    private static float[] ensure(float[] buffer, int length) {
        return buffer.length >= length ? buffer : new float[Math.max(length, buffer.length * 3 / 2)];
    }
}
