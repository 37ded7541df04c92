package dev.parley.runtime.audio;

import java.util.Objects;

/**
 * Changes the channel count of interleaved float samples. Speech engines and telephony are mono, so
 * the only mappings Parley needs are "average everything to mono" and "copy mono to every channel";
 * no channel layout (which channel is left, centre...) is assumed.
 */
public final class ChannelMixer {

    private ChannelMixer() {
    }

    /**
     * Averages the {@code channels} interleaved channels of {@code frames} sample frames into one.
     * Averaging rather than summing keeps full-scale input from clipping.
     */
    public static void downmixToMono(float[] interleaved, int srcOffset, int channels,
                                     float[] mono, int dstOffset, int frames) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive: " + channels);
        }
        Objects.checkFromIndexSize(srcOffset, frames * channels, interleaved.length);
        Objects.checkFromIndexSize(dstOffset, frames, mono.length);
        float scale = 1f / channels;
        for (int f = 0, s = srcOffset; f < frames; f++) {
            float sum = 0f;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[s++];
            }
            mono[dstOffset + f] = sum * scale;
        }
    }

    /** Copies each of {@code frames} mono samples to all {@code channels} interleaved channels. */
    public static void duplicateMono(float[] mono, int srcOffset, int channels,
                                     float[] interleaved, int dstOffset, int frames) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive: " + channels);
        }
        Objects.checkFromIndexSize(srcOffset, frames, mono.length);
        Objects.checkFromIndexSize(dstOffset, frames * channels, interleaved.length);
        for (int f = 0, d = dstOffset; f < frames; f++) {
            float sample = mono[srcOffset + f];
            for (int c = 0; c < channels; c++) {
                interleaved[d++] = sample;
            }
        }
    }
}
