package dev.parley.runtime.audio.encoding;

import dev.parley.runtime.audio.Pcm16Codec;
import dev.parley.runtime.audio.Resampler;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ogg Opus (RFC 7845), mono: Concentus (libopus ported to Java) in its VoIP mode with 20 ms frames, in Ogg pages of
 * {@link OggPageWriter}. It is what PlayAI's "ogg" gets, as there is no Vorbis encoder in pure Java and whatever
 * plays Ogg in a browser plays Opus too.
 *
 * <p>The first piece starts with the OpusHead and OpusTags pages. Each call then writes one page with the frames it
 * completed (none while less than 20 ms is buffered), so audio leaves at most one frame after it arrived. Opus takes
 * 8, 12, 16, 24 and 48 kHz; other rates are resampled to 48 kHz with {@link Resampler} first. Granule positions count
 * 48 kHz samples, whatever the rate. The header's pre-skip is the encoder's look-ahead, which decoders drop from the
 * start; {@link #finish()} pads the last frame with silence, adds frames until the look-ahead has been flushed too,
 * and gives the last page, marked end-of-stream, the granule position of the real end, so decoders drop the padding.
 */
public final class OggOpusStreamEncoder extends AbstractStreamEncoder {

    public static final int DEFAULT_KBPS = 32;
    /** Granule positions and the pre-skip count samples at this rate. */
    private static final int GRANULE_RATE = 48_000;
    private static final int FRAME_MILLIS = 20;
    /** The largest packet of one Opus frame. */
    private static final int MAX_PACKET = 1275;
    private static final int[] OPUS_RATES = {8000, 12000, 16000, 24000, 48000};
    private static final String VENDOR = "Parley (Concentus)";

    private final OpusEncoder opus;
    /** To 48 kHz, or null when Opus takes the rate itself. */
    private final Resampler resampler;
    /** 48 kHz samples per sample given to Opus. */
    private final int granulesPerSample;
    private final int preSkip;
    private final short[] frame;
    private final byte[] packet = new byte[MAX_PACKET];
    private final OggPageWriter pages = new OggPageWriter(ThreadLocalRandom.current().nextInt());
    /** The pages not yet returned. */
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int filled;
    /** Samples given to Opus (at its rate), the padding of {@link #finish()} not counted. */
    private long samplesIn;
    /** The granule position after the packets encoded so far. */
    private long granule;

    /** At {@value #DEFAULT_KBPS} kbps. */
    public OggOpusStreamEncoder(int sampleRate) {
        this(sampleRate, DEFAULT_KBPS);
    }

    /**
     * @param kbps 6 to 510
     * @throws IllegalArgumentException if the bit rate is out of Opus's range, or the rate is not positive or has no
     *                                  reasonable ratio to 48 kHz (see {@link Resampler#Resampler(int, int)})
     */
    public OggOpusStreamEncoder(int sampleRate, int kbps) {
        super("Ogg Opus", sampleRate);
        if (kbps < 6 || kbps > 510) {
            throw new IllegalArgumentException("Opus bit rates are 6 to 510 kbps, not " + kbps);
        }
        boolean opusTakesRate = Arrays.stream(OPUS_RATES).anyMatch(r -> r == sampleRate);
        int opusRate = opusTakesRate ? sampleRate : GRANULE_RATE;
        this.resampler = opusTakesRate ? null : new Resampler(sampleRate, GRANULE_RATE);
        try {
            this.opus = new OpusEncoder(opusRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus rejected mono at " + opusRate + " Hz", e);
        }
        opus.setBitrate(kbps * 1000);
        this.granulesPerSample = GRANULE_RATE / opusRate;
        this.preSkip = opus.getLookahead() * granulesPerSample;
        this.frame = new short[opusRate * FRAME_MILLIS / 1000];
        addHeader(opusHead(sampleRate, preSkip));
        addHeader(opusTags());
    }

    @Override
    byte[] encodeSamples(short[] samples, int offset, int length) {
        if (resampler == null) {
            feed(samples, offset, length);
        } else {
            short[] resampled = resampler.process(Arrays.copyOfRange(samples, offset, offset + length));
            feed(resampled, 0, resampled.length);
        }
        pages.flush(out, false);
        return drain();
    }

    @Override
    byte[] finishStream() {
        if (resampler != null) {
            float[] tail = resampler.flush();
            short[] shorts = new short[tail.length];
            for (int i = 0; i < tail.length; i++) {
                shorts[i] = Pcm16Codec.toPcm16(tail[i]);
            }
            feed(shorts, 0, shorts.length);
        }
        long end = preSkip + samplesIn * granulesPerSample;
        long frameGranules = (long) frame.length * granulesPerSample;
        do {
            Arrays.fill(frame, filled, frame.length, (short) 0);
            encodeFrame(Math.min(end, granule + frameGranules));
        } while (granule < end);
        pages.flush(out, true);
        return drain();
    }

    private void feed(short[] samples, int offset, int length) {
        for (int done = 0; done < length; ) {
            int n = Math.min(length - done, frame.length - filled);
            System.arraycopy(samples, offset + done, frame, filled, n);
            filled += n;
            done += n;
            samplesIn += n;
            if (filled == frame.length) {
                encodeFrame(granule + (long) frame.length * granulesPerSample);
            }
        }
    }

    /** Encodes the full {@link #frame} into the page being built, which will carry {@code pageGranule}. */
    private void encodeFrame(long pageGranule) {
        int length;
        try {
            length = opus.encode(frame, 0, frame.length, packet, 0, packet.length);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus could not encode a frame", e);
        }
        granule += (long) frame.length * granulesPerSample;
        filled = 0;
        pages.add(packet, 0, length, pageGranule, out);
    }

    /** A header packet, alone on its page as RFC 7845 wants. */
    private void addHeader(byte[] header) {
        pages.add(header, 0, header.length, 0, out);
        pages.flush(out, false);
    }

    private byte[] drain() {
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }

    /** RFC 7845 5.1: version 1, one channel, pre-skip, the input's rate, no gain, channel mapping family 0. */
    private static byte[] opusHead(int inputRate, int preSkip) {
        return ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN)
                .put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1)
                .putShort((short) preSkip).putInt(inputRate).putShort((short) 0).put((byte) 0)
                .array();
    }

    /** RFC 7845 5.2: the vendor string and no comments. */
    private static byte[] opusTags() {
        byte[] vendor = VENDOR.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + 4 + vendor.length + 4).order(ByteOrder.LITTLE_ENDIAN)
                .put("OpusTags".getBytes(StandardCharsets.US_ASCII)).putInt(vendor.length).put(vendor).putInt(0)
                .array();
    }
}
