package dev.parley.runtime.audio.decoding;

/**
 * Raw Opus with no container: every piece is exactly one Opus packet (RFC 6716), as a client that encodes with
 * WebCodecs or libopus sends it. There is no header, so no pre-skip to drop and nothing to wait for; an empty piece
 * decodes to nothing.
 */
public final class OpusPacketDecoder implements StreamDecoder {

    private final PcmOutput output = new PcmOutput();
    private final OpusStream opus;

    /** Decodes at 16 kHz, the rate speech recognition wants. */
    public OpusPacketDecoder() {
        this(OpusStream.SPEECH_RATE);
    }

    /**
     * @param sampleRate the rate to decode at: 8000, 12000, 16000, 24000 or 48000
     * @throws IllegalArgumentException for another rate
     */
    public OpusPacketDecoder(int sampleRate) {
        opus = new OpusStream(sampleRate, OpusHead.NONE, output);
    }

    @Override
    public short[] decode(byte[] packet) {
        if (packet.length > 0) {
            opus.decode(packet, 0, packet.length, output);
        }
        return output.take();
    }

    @Override
    public int sampleRate() {
        return opus.rate();
    }
}
