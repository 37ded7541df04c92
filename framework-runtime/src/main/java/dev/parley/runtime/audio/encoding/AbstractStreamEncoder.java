package dev.parley.runtime.audio.encoding;

import java.util.Objects;

/**
 * What every {@link StreamEncoder} checks before it encodes: the arguments, and that the stream is not finished,
 * so that the formats only write their bytes and a misuse reads the same whatever the format.
 */
abstract class AbstractStreamEncoder implements StreamEncoder {

    static final byte[] NOTHING = new byte[0];

    private final String format;
    private final int sampleRate;
    private boolean finished;

    /** @throws IllegalArgumentException if {@code sampleRate} is not positive */
    AbstractStreamEncoder(String format, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException(format + " sample rate must be positive, not " + sampleRate);
        }
        this.format = format;
        this.sampleRate = sampleRate;
    }

    @Override
    public final int sampleRate() {
        return sampleRate;
    }

    @Override
    public final byte[] encode(short[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        checkOpen();
        return encodeSamples(samples, offset, length);
    }

    @Override
    public final byte[] finish() {
        checkOpen();
        finished = true;
        return finishStream();
    }

    /** Encodes valid arguments of {@link #encode} on an open stream. */
    abstract byte[] encodeSamples(short[] samples, int offset, int length);

    /** Ends the stream; called once. */
    abstract byte[] finishStream();

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("this " + format + " stream is finished; open a new encoder for the next "
                    + "one");
        }
    }
}
