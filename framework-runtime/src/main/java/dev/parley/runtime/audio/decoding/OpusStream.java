package dev.parley.runtime.audio.decoding;

import dev.parley.runtime.audio.Resampler;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Opus packets to mono PCM with concentus, at the rate the caller wants. A decoder opened for one channel mixes stereo
 * packets down by itself (RFC 6716 §4.5.1). The header's pre-skip is dropped from the output.
 *
 * <p>Opus could decode straight at 8, 12, 16 or 24 kHz, but concentus (1.0.2) outputs silence for hybrid packets
 * (SILK and CELT together, what browsers send for speech) at any rate below 48 kHz: it adds the CELT band with the
 * fixed-point build's accumulation, which its float code does not do (lostromb/concentus issue 67). So packets are
 * decoded at 48 kHz, as browsers do, and {@link Resampler} brings them to the rate asked for.
 */
final class OpusStream {

    /** What speech recognition wants, and so what the Opus decoders default to. */
    static final int SPEECH_RATE = 16_000;
    private static final int OPUS_RATE = 48_000;
    /** The longest packet, 120 ms at 48 kHz. */
    private static final int MAX_PACKET_SAMPLES = 5_760;

    private final OpusDecoder decoder;
    private final int rate;
    private final OpusHead head;
    /** Null at 48 kHz. */
    private final Resampler resampler;
    private final short[] pcm = new short[MAX_PACKET_SAMPLES];
    private final float[] samples = new float[MAX_PACKET_SAMPLES];
    private final float[] resampled;

    OpusStream(int rate, OpusHead head, PcmOutput output) {
        this.rate = checkRate(rate);
        this.head = head;
        this.resampler = rate == OPUS_RATE ? null : new Resampler(OPUS_RATE, rate);
        this.resampled = new float[MAX_PACKET_SAMPLES * rate / OPUS_RATE + 1];
        try {
            decoder = new OpusDecoder(OPUS_RATE, 1);
            decoder.setGain(head.outputGain());
        } catch (OpusException e) {
            throw new IllegalStateException("concentus refused 48 kHz mono", e);
        }
        output.startStream(toRate(head.preSkip()));
    }

    /** {@code rate} if Opus decodes at it; an {@link IllegalArgumentException} otherwise. */
    static int checkRate(int rate) {
        if (rate != 8_000 && rate != 12_000 && rate != 16_000 && rate != 24_000 && rate != OPUS_RATE) {
            throw new IllegalArgumentException("Opus decodes at 8000, 12000, 16000, 24000 or 48000 Hz, not " + rate);
        }
        return rate;
    }

    int rate() {
        return rate;
    }

    /** Decodes one packet into {@code output}. */
    void decode(byte[] packet, int offset, int length, PcmOutput output) {
        int count;
        try {
            count = decoder.decode(packet, offset, length, pcm, 0, pcm.length, false);
        } catch (OpusException | RuntimeException e) {
            // concentus reports some malformed packets by running off its arrays; either way the packet is bad
            throw new AudioDecodingException("corrupt Opus packet of " + length + " bytes: " + e.getMessage(), e);
        }
        if (resampler == null) {
            output.add(pcm, 0, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            samples[i] = pcm[i] / 32768f;
        }
        output.addInterleaved(resampled, resampler.process(samples, 0, count, resampled, 0), 1);
    }

    /** Where the stream ends, as an Ogg granule position (48 kHz samples, pre-skip included). */
    void endAtGranule(long granule, PcmOutput output) {
        output.limit(Math.max(0, toRate(granule - head.preSkip())));
    }

    private long toRate(long samplesAt48k) {
        return samplesAt48k * rate / OPUS_RATE;
    }
}
