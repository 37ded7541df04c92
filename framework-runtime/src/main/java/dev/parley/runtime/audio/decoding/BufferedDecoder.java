package dev.parley.runtime.audio.decoding;

/**
 * The loop every container decoder shares: take in as much of a piece as the bounded {@link InputBuffer} holds,
 * decode the complete units (elements, pages, frames) at its start, repeat until the piece is used up. A buffer
 * still full after that holds no complete unit in {@link #MAX_BUFFERED} bytes, which real streams never do, so it
 * is an error rather than a reason to grow. After an error the stream's state is unknown: later pieces fail with
 * the same message.
 */
abstract class BufferedDecoder implements StreamDecoder {

    /** The largest unit (element, page, frame, header) a stream may hold. */
    static final int MAX_BUFFERED = 1 << 20;

    final InputBuffer input = new InputBuffer(MAX_BUFFERED);
    final PcmOutput output = new PcmOutput();
    private String failure;

    @Override
    public final short[] decode(byte[] piece) {
        if (failure != null) {
            throw new AudioDecodingException(failure);
        }
        try {
            int at = 0;
            do {
                at += input.fill(piece, at);
                consumeInput();
                if (input.isFull()) {
                    throw new AudioDecodingException(overflowMessage());
                }
            } while (at < piece.length);
        } catch (AudioDecodingException e) {
            failure = e.getMessage();
            throw e;
        }
        return output.take();
    }

    /** Decodes (or skips) every complete unit at the start of {@link #input} into {@link #output}. */
    abstract void consumeInput();

    /**
     * What it means that {@link #MAX_BUFFERED} bytes hold no complete unit, for the client. Most formats bound their
     * units well below that, or check declared sizes first, so only a decoder that cannot do either overrides this.
     */
    String overflowMessage() {
        return "corrupt audio: no complete frame, page or element in the " + maxBufferedText() + " from byte "
                + input.position();
    }

    /** "1 MB", for messages. */
    static String maxBufferedText() {
        return (MAX_BUFFERED >> 20) + " MB";
    }
}
