package dev.parley.runtime.audio.decoding;

/**
 * What WebM and Ogg decoders of Opus share: the rate the caller chose, and the {@link OpusStream} the container's
 * Opus header starts, which also tells the sample rate is known.
 */
abstract class OpusContainerDecoder extends BufferedDecoder {

    private final int rate;
    private OpusStream opus;

    /** @throws IllegalArgumentException if Opus does not decode at {@code rate} */
    OpusContainerDecoder(int rate) {
        this.rate = OpusStream.checkRate(rate);
    }

    @Override
    public final int sampleRate() {
        return opus == null ? 0 : rate;
    }

    /** Starts decoding a stream with this header; a later header (a chained or restarted stream) starts anew. */
    final void startOpus(OpusHead head) {
        opus = new OpusStream(rate, head, output);
    }

    /** The stream the last header started, or null before one. */
    final OpusStream opus() {
        return opus;
    }
}
