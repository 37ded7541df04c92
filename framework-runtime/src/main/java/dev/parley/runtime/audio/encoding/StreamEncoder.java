package dev.parley.runtime.audio.encoding;

/**
 * Encodes one stream of mono 16-bit PCM (one agent response, say) into a file format, piece by piece,
 * so each piece can be sent as soon as it is ready. The concatenation of everything returned is a valid
 * file of the format. One instance per stream; not thread-safe.
 */
public interface StreamEncoder {

    /** The sample rate of the PCM this encoder takes. */
    int sampleRate();

    /** Encodes {@code length} samples; returns the bytes ready to send, possibly none. */
    byte[] encode(short[] samples, int offset, int length);

    /** Ends the stream: returns what was buffered plus any trailer. The encoder is unusable afterwards. */
    byte[] finish();
}
