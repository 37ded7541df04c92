package dev.parley.runtime.audio.decoding;

/**
 * Decodes encoded audio that arrives in pieces of any size (a browser MediaRecorder's chunks, a file
 * sent in slices) into mono 16-bit PCM. One instance per stream; not thread-safe.
 */
public interface StreamDecoder {

    /**
     * Feeds the next piece of the stream.
     *
     * @return the PCM decoded so far and not yet returned, mono, at {@link #sampleRate()}; possibly empty
     * @throws AudioDecodingException when the data cannot be what the decoder expects (wrong format,
     *                                corrupt or truncated structure); the message says what was wrong
     */
    short[] decode(byte[] piece);

    /** The sample rate of the decoded PCM; 0 until the stream's header has been read. */
    int sampleRate();
}
