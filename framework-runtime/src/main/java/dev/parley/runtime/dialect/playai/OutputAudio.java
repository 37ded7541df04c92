package dev.parley.runtime.dialect.playai;

import dev.parley.api.AudioFormat;
import dev.parley.runtime.audio.encoding.EncodedFormat;
import dev.parley.runtime.audio.encoding.StreamEncoder;
import java.util.Locale;
import java.util.Map;

/**
 * The setup's {@code outputFormat} at {@code outputSampleRate}: the conversation produces 16-bit PCM at that
 * rate, and each response is encoded as one stream of the format, so the client can decode or play every
 * response as a file of its own. {@code ogg} is Ogg Opus: there is no pure-Java Vorbis encoder.
 */
final class OutputAudio {
    static final int DEFAULT_RATE = 44_100;
    private static final int MIN_RATE = 8_000;
    private static final int MAX_RATE = 48_000;
    private static final Map<String, EncodedFormat> FORMATS = Map.of(
            "mp3", EncodedFormat.MP3,
            "raw", EncodedFormat.FLOAT32,
            "wav", EncodedFormat.WAV,
            "ogg", EncodedFormat.OGG_OPUS,
            "flac", EncodedFormat.FLAC,
            "mulaw", EncodedFormat.MULAW);

    private final EncodedFormat format;
    private final int sampleRate;

    private OutputAudio(EncodedFormat format, int sampleRate) {
        this.format = format;
        this.sampleRate = sampleRate;
    }

    /** The output the setup asked for; nulls mean the defaults, mp3 at 44.1 kHz. */
    static OutputAudio of(String outputFormat, Integer outputSampleRate) throws PlayaiException {
        String name = outputFormat == null ? "mp3" : outputFormat.toLowerCase(Locale.ROOT);
        EncodedFormat format = FORMATS.get(name);
        if (format == null) {
            throw PlayaiException.fatal(PlayaiError.INVALID_PARAMETERS, "Unknown outputFormat '" + outputFormat
                    + "'; supported: mp3, raw, wav, ogg, flac, mulaw");
        }
        OutputAudio output = new OutputAudio(format, outputSampleRate == null ? DEFAULT_RATE
                : checkRate("outputSampleRate", outputSampleRate));
        try {
            output.open().finish();
        } catch (IllegalArgumentException unsupported) {
            throw PlayaiException.fatal(PlayaiError.INVALID_PARAMETERS, "outputFormat " + name + " at " + output.sampleRate
                    + " Hz: " + unsupported.getMessage());
        }
        return output;
    }

    static int checkRate(String field, int sampleRate) throws PlayaiException {
        if (sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
            throw PlayaiException.fatal(PlayaiError.INVALID_PARAMETERS, field + " must be between " + MIN_RATE + " and "
                    + MAX_RATE + " Hz; it is " + sampleRate);
        }
        return sampleRate;
    }

    /** What the conversation should produce. */
    AudioFormat pcm() {
        return AudioFormat.pcm16(sampleRate);
    }

    /** A new stream, for the next response. */
    StreamEncoder open() {
        return format.open(sampleRate);
    }
}
