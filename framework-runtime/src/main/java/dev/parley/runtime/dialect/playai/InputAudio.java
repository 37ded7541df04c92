package dev.parley.runtime.dialect.playai;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.runtime.audio.Pcm16Codec;
import dev.parley.runtime.audio.Resampler;
import dev.parley.runtime.audio.decoding.AudioDecodingException;
import dev.parley.runtime.audio.decoding.FlacStreamDecoder;
import dev.parley.runtime.audio.decoding.MediaContainerDecoder;
import dev.parley.runtime.audio.decoding.OpusPacketDecoder;
import dev.parley.runtime.audio.decoding.StreamDecoder;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns {@code audioIn} payloads in the setup's {@code inputEncoding} into frames for the conversation.
 * Headerless PCM (mulaw, linear16) passes through as it is; encoded audio is decoded and brought to 16 kHz
 * PCM, what the speech pipeline hears at.
 */
final class InputAudio {
    static final String SUPPORTED = "media-container (WebM/Opus, Ogg/Opus, WAV, MP3, FLAC), mulaw, linear16, flac, opus";
    private static final Set<String> WITHOUT_DECODER = Set.of("amr-nb", "amr-wb", "speex", "g729");
    private static final Set<Integer> OPUS_RATES = Set.of(8_000, 12_000, 16_000, 24_000, 48_000);
    private static final int DECODED_RATE = 16_000;

    private final AudioFormat format;
    /** Null for PCM that passes through. */
    private final Supplier<StreamDecoder> decoders;
    private StreamDecoder decoder;
    private Resampler resampler;

    private InputAudio(AudioFormat format, Supplier<StreamDecoder> decoders) {
        this.format = format;
        this.decoders = decoders;
    }

    /** The input the setup asked for; {@code encoding} null means {@code media-container}. */
    static InputAudio of(String encoding, Integer sampleRate) throws PlayaiException {
        String name = encoding == null ? "media-container" : encoding.toLowerCase(Locale.ROOT);
        if (WITHOUT_DECODER.contains(name)) {
            throw PlayaiException.fatal(PlayaiError.INVALID_PARAMETERS, "inputEncoding '" + encoding
                    + "' has no decoder on this server; supported: " + SUPPORTED);
        }
        return switch (name) {
            case "media-container" -> decoded(() -> new MediaContainerDecoder(DECODED_RATE));
            case "mulaw" -> new InputAudio(new AudioFormat(AudioFormat.Encoding.MULAW, rate(name, sampleRate), 1), null);
            case "linear16" -> new InputAudio(AudioFormat.pcm16(rate(name, sampleRate)), null);
            case "flac" -> {
                rate(name, sampleRate);
                yield decoded(FlacStreamDecoder::new);
            }
            case "opus" -> {
                int rate = rate(name, sampleRate);
                if (!OPUS_RATES.contains(rate)) {
                    throw PlayaiException.fatal(PlayaiError.INVALID_PARAMETERS, "inputSampleRate " + rate
                            + " is not an Opus rate; use 8000, 12000, 16000, 24000 or 48000");
                }
                yield decoded(() -> new OpusPacketDecoder(DECODED_RATE));
            }
            default -> throw PlayaiException.fatal(PlayaiError.INVALID_PARAMETERS, "Unknown inputEncoding '" + encoding
                    + "'; supported: " + SUPPORTED);
        };
    }

    private static InputAudio decoded(Supplier<StreamDecoder> decoders) {
        return new InputAudio(AudioFormat.pcm16(DECODED_RATE), decoders);
    }

    /** Headerless encodings have no header to read the rate from, so the setup must give it. */
    private static int rate(String encoding, Integer sampleRate) throws PlayaiException {
        if (sampleRate == null) {
            throw PlayaiException.fatal(PlayaiError.INVALID_PARAMETERS, "inputSampleRate is required with inputEncoding '"
                    + encoding + "'");
        }
        return OutputAudio.checkRate("inputSampleRate", sampleRate);
    }

    /** The format of the frames {@link #accept} returns. */
    AudioFormat format() {
        return format;
    }

    /**
     * One {@code audioIn} payload as audio for the conversation; empty when it holds no whole audio yet.
     *
     * @throws PlayaiException when it cannot be decoded; the stream then starts over with the next payload,
     *                         which must carry a header again
     */
    Optional<AudioFrame> accept(byte[] data) throws PlayaiException {
        if (decoders == null) {
            if (data.length % format.frameSize() != 0) {
                throw PlayaiException.invalid("linear16 audio is 2 bytes per sample; this audioIn has " + data.length);
            }
            return data.length == 0 ? Optional.empty() : Optional.of(new AudioFrame(format, data));
        }
        if (decoder == null) {
            decoder = decoders.get();
        }
        short[] pcm;
        try {
            pcm = decoder.decode(data);
        } catch (AudioDecodingException e) {
            decoder = null;
            resampler = null;
            throw PlayaiException.invalid("The audio could not be decoded: " + e.getMessage());
        }
        if (pcm.length > 0 && decoder.sampleRate() != DECODED_RATE) {
            if (resampler == null || resampler.inputRate() != decoder.sampleRate()) {
                resampler = new Resampler(decoder.sampleRate(), DECODED_RATE);
            }
            pcm = resampler.process(pcm);
        }
        return pcm.length == 0 ? Optional.empty() : Optional.of(new AudioFrame(format, Pcm16Codec.fromShorts(pcm)));
    }
}
