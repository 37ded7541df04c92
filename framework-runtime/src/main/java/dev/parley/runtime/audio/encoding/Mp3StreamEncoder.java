package dev.parley.runtime.audio.encoding;

import de.sciss.jump3r.mp3.BitStream;
import de.sciss.jump3r.mp3.GainAnalysis;
import de.sciss.jump3r.mp3.ID3Tag;
import de.sciss.jump3r.mp3.Lame;
import de.sciss.jump3r.mp3.LameGlobalFlags;
import de.sciss.jump3r.mp3.Presets;
import de.sciss.jump3r.mp3.Quantize;
import de.sciss.jump3r.mp3.QuantizePVT;
import de.sciss.jump3r.mp3.Reservoir;
import de.sciss.jump3r.mp3.Tables;
import de.sciss.jump3r.mp3.Takehiro;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mp3.Version;
import de.sciss.jump3r.mpg.MPGLib;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * MPEG audio layer III, mono, constant bit rate, through jump3r (LAME 3.98 ported to Java).
 *
 * <p>LAME is driven directly rather than through jump3r's {@code LameEncoder}, whose settings cannot be reached,
 * so that the stream suits a socket: no Xing/Info tag (LAME reserves a first frame for it and fills it in by
 * seeking back, which a socket cannot; left empty it plays as a frame of silence), no ID3 tags, no ReplayGain
 * analysis (it only feeds that tag), and the output rate pinned to the input rate (LAME would otherwise choose a
 * rate of its own for the bit rate, e.g. 11025 Hz for 8000 Hz input at 128 kbps).
 *
 * <p>Every piece holds whole frames. LAME's output can stop inside a frame, because the bit reservoir lets a frame's
 * data start in the frame before, so the bytes of an unfinished frame wait for the next piece (at most one frame,
 * 26 ms at 44.1 kHz): a client may hand each piece to its decoder as it comes. Decoded audio starts with LAME's delay (576 samples, plus the decoder's own
 * 529) and ends with the padding of the last frame; without the Info tag nothing trims them, which for a spoken
 * response is some tens of milliseconds of silence around it.
 */
public final class Mp3StreamEncoder extends AbstractStreamEncoder {

    public static final int DEFAULT_KBPS = 128;
    /** The rates MPEG-1, 2 and 2.5 define, ascending. */
    private static final int[] SUPPORTED_RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
    /** LAME's -q 5, jump3r's default: psychoacoustic model and noise shaping on, the dearer searches of -q 0-4 off. */
    private static final int QUALITY = 5;
    /** LAME's bound on the output of one call: 1.25 bytes a sample plus 7200. */
    private static final int WORST_CASE_OVERHEAD = 7200;

    private final Lame lame;
    private final LameGlobalFlags flags;
    /** Bytes per frame before padding, times the sample rate: 144 x bit rate for MPEG-1, 72 x for MPEG-2 and 2.5. */
    private final int frameBytesTimesRate;
    /** LAME takes 32-bit samples; reused and grown, never per sample. */
    private int[] wide = new int[0];
    /** LAME's output; the first {@code pendingLength} bytes are an unfinished frame left from the last call. */
    private byte[] out = new byte[WORST_CASE_OVERHEAD];
    private int pendingLength;

    /**
     * At {@value #DEFAULT_KBPS} kbps, or 64 kbps at 8000, 11025 and 12000 Hz, the most LAME offers there.
     *
     * @throws IllegalArgumentException if MP3 has no such rate (the message lists those it has)
     */
    public Mp3StreamEncoder(int sampleRate) {
        this(sampleRate, Math.min(DEFAULT_KBPS, maxKbps(sampleRate)));
    }

    /**
     * @throws IllegalArgumentException if MP3 has no such rate or bit rate at that rate (the message lists the ones
     *                                  it has)
     */
    public Mp3StreamEncoder(int sampleRate, int kbps) {
        super("MP3", sampleRate);
        int[] allowed = bitRates(sampleRate);
        if (Arrays.stream(allowed).noneMatch(b -> b == kbps)) {
            throw new IllegalArgumentException("MP3 at " + sampleRate + " Hz has no bit rate of " + kbps
                    + " kbps; it has " + list(allowed) + " kbps");
        }
        this.frameBytesTimesRate = (sampleRate >= 32_000 ? 144 : 72) * kbps * 1000;
        this.lame = wiredLame();
        this.flags = lame.lame_init();
        flags.num_channels = 1; // and so MPEG mono mode
        flags.in_samplerate = sampleRate;
        flags.out_samplerate = sampleRate;
        flags.brate = kbps;
        flags.quality = QUALITY;
        flags.bWriteVbrTag = false; // which also turns ReplayGain analysis off
        flags.write_id3tag_automatic = false;
        int status = lame.lame_init_params(flags);
        if (status < 0) {
            throw new IllegalStateException("LAME rejected " + kbps + " kbps mono at " + sampleRate + " Hz: " + status);
        }
    }

    /** The MP3 rate closest to {@code sampleRate}, the higher one of two equally close. */
    public static int nearestSupportedRate(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, not " + sampleRate);
        }
        int best = SUPPORTED_RATES[0];
        for (int rate : SUPPORTED_RATES) {
            if (Math.abs(rate - sampleRate) <= Math.abs(best - sampleRate)) {
                best = rate;
            }
        }
        return best;
    }

    @Override
    byte[] encodeSamples(short[] samples, int offset, int length) {
        if (wide.length < length) {
            wide = new int[length];
        }
        for (int i = 0; i < length; i++) {
            wide[i] = samples[offset + i] << 16;
        }
        ensureRoom(length + length / 4 + WORST_CASE_OVERHEAD);
        // mono: LAME reads only the first channel's array
        int written = lame.lame_encode_buffer_int(flags, wide, wide, length,
                out, pendingLength, out.length - pendingLength);
        check(written);
        return takeWholeFrames(pendingLength + written);
    }

    @Override
    byte[] finishStream() {
        ensureRoom(WORST_CASE_OVERHEAD);
        int written = lame.lame_encode_flush(flags, out, pendingLength, out.length - pendingLength);
        check(written);
        lame.lame_close(flags);
        byte[] rest = Arrays.copyOf(out, pendingLength + written);
        out = NOTHING;
        return rest;
    }

    /** Returns the whole frames among the first {@code available} bytes of {@code out}, keeps the rest pending. */
    private byte[] takeWholeFrames(int available) {
        int end = 0;
        while (end + 4 <= available) {
            if ((out[end] & 0xFF) != 0xFF || (out[end + 1] & 0xE0) != 0xE0) {
                throw new IllegalStateException("LAME's output has no frame header at byte " + end);
            }
            int padding = (out[end + 2] >> 1) & 1;
            int frameLength = frameBytesTimesRate / sampleRate() + padding;
            if (end + frameLength > available) {
                break;
            }
            end += frameLength;
        }
        byte[] frames = Arrays.copyOf(out, end);
        pendingLength = available - end;
        System.arraycopy(out, end, out, 0, pendingLength);
        return frames;
    }

    private void ensureRoom(int bytes) {
        if (out.length < pendingLength + bytes) {
            out = Arrays.copyOf(out, pendingLength + bytes);
        }
    }

    private static void check(int written) {
        if (written < 0) {
            throw new IllegalStateException("LAME failed to encode: error " + written);
        }
    }

    /**
     * LAME's modules, wired as jump3r's {@code LameEncoder} wires them, minus what only decoding and file input use:
     * the decoder stays unwired, since the on-the-fly decoding that needs it is off without the tag.
     */
    private static Lame wiredLame() {
        Lame lame = new Lame();
        GainAnalysis gain = new GainAnalysis();
        BitStream bits = new BitStream();
        Presets presets = new Presets();
        QuantizePVT quantizePvt = new QuantizePVT();
        Quantize quantize = new Quantize();
        VBRTag vbrTag = new VBRTag();
        Version version = new Version();
        ID3Tag id3 = new ID3Tag();
        Reservoir reservoir = new Reservoir();
        Takehiro takehiro = new Takehiro();
        MPGLib decoder = new MPGLib();
        lame.setModules(gain, bits, presets, quantizePvt, quantize, vbrTag, version, id3, decoder);
        bits.setModules(gain, decoder, version, vbrTag);
        id3.setModules(bits, version);
        presets.setModules(lame);
        quantize.setModules(bits, reservoir, quantizePvt, takehiro);
        quantizePvt.setModules(takehiro, reservoir, lame.enc.psy);
        reservoir.setModules(bits);
        takehiro.setModules(quantizePvt);
        vbrTag.setModules(lame, bits, version);
        return lame;
    }

    /** LAME's bit rates (kbps) at {@code sampleRate}: its table row for the MPEG version that has the rate. */
    private static int[] bitRates(int sampleRate) {
        if (Arrays.stream(SUPPORTED_RATES).noneMatch(r -> r == sampleRate)) {
            throw new IllegalArgumentException("MP3 has no sample rate of " + sampleRate + " Hz; it has "
                    + list(SUPPORTED_RATES) + " Hz (see nearestSupportedRate)");
        }
        int version = sampleRate >= 32_000 ? 1 : sampleRate >= 16_000 ? 0 : 2; // LAME's rows: MPEG-2, 1, 2.5
        return Arrays.stream(Tables.bitrate_table[version]).filter(b -> b > 0).toArray();
    }

    private static int maxKbps(int sampleRate) {
        int[] rates = bitRates(sampleRate);
        return rates[rates.length - 1];
    }

    private static String list(int[] values) {
        return IntStream.of(values).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }
}
