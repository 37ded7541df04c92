package dev.parley.runtime.audio.decoding;

import static dev.parley.runtime.audio.decoding.Fixtures.assertDecodes;
import static dev.parley.runtime.audio.decoding.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.runtime.audio.ALawCodec;
import dev.parley.runtime.audio.MuLawCodec;
import dev.parley.runtime.audio.Pcm16Codec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * speech.wav (flite, 16 kHz mono 16-bit) as it is, and rewritten here in every sample format and layout the decoder
 * reads, so each is checked sample by sample against what the source must become.
 */
class WavStreamDecoderTest {

    private static final byte[] WAV = Fixtures.bytes("speech.wav");
    private static final short[] SOURCE = Pcm16Codec.toShorts(Arrays.copyOfRange(WAV, 44, WAV.length));
    private static final long UNKNOWN = 0xFFFFFFFFL;

    @Test
    void decodesTheFixtureWholeAndInPieces() {
        short[] pcm = assertDecodes(WavStreamDecoder::new, WAV, null, 16_000, Fixtures.SPEECH_SECONDS);
        assertArrayEquals(SOURCE, pcm);
    }

    @Test
    void integerFormatsOfEverySizeComeOutAs16Bits() {
        assertVariant(pcm(1, 8, 1, i -> new byte[] {(byte) ((SOURCE[i] >> 8) + 128)}), i -> (short) (SOURCE[i] & 0xFF00));
        assertVariant(pcm(1, 24, 1, i -> le(SOURCE[i] << 8, 3)), i -> SOURCE[i]);
        assertVariant(pcm(1, 32, 1, i -> le(SOURCE[i] << 16, 4)), i -> SOURCE[i]);
    }

    @Test
    void stereoIsAveragedToMono() {
        short[] pcm = assertVariant(pcm(1, 24, 2, i -> concat(le(SOURCE[i] << 8, 3), le(SOURCE[i] / 2 << 8, 3))),
                i -> (short) Math.round((SOURCE[i] + SOURCE[i] / 2) / 2.0));
        Fixtures.assertHearsTheSentence(pcm, 16_000);
    }

    @Test
    void floatAndG711() {
        assertVariant(pcm(3, 32, 1, i -> le(Float.floatToIntBits(SOURCE[i] / 32768f), 4)), i -> SOURCE[i]);
        assertVariant(pcm(7, 8, 1, i -> new byte[] {MuLawCodec.encode(SOURCE[i])}),
                i -> MuLawCodec.decode(MuLawCodec.encode(SOURCE[i])));
        assertVariant(pcm(6, 8, 1, i -> new byte[] {ALawCodec.encode(SOURCE[i])}),
                i -> ALawCodec.decode(ALawCodec.encode(SOURCE[i])));
    }

    @Test
    void waveFormatExtensibleNamesItsFormatInAGuid() {
        byte[] guid = concat(le(1, 2), HexFormat.of().parseHex("000000001000800000aa00389b71"));
        byte[] fmt = concat(le(0xFFFE, 2), le(2, 2), le(16_000, 4), le(16_000 * 4, 4), le(4, 2), le(16, 2),
                le(22, 2), le(16, 2), le(3, 4), guid);
        byte[] data = samples(i -> concat(le(SOURCE[i], 2), le(SOURCE[i], 2)));
        assertVariant(riff(chunk("fmt ", fmt), chunk("data", data)), i -> SOURCE[i]);
    }

    @Test
    void streamingSizesAndChunksAroundTheDataAreHandled() {
        byte[] fmt = fmt(1, 1, 16, 16_000);
        byte[] data = samples(i -> le(SOURCE[i], 2));
        // a writer that could not seek back: unknown RIFF and data sizes; an odd-sized chunk with its pad byte before
        byte[] streaming = concat("RIFF".getBytes(StandardCharsets.US_ASCII), le((int) UNKNOWN, 4),
                "WAVE".getBytes(StandardCharsets.US_ASCII), chunk("fmt ", fmt), chunk("junk", new byte[3]),
                "data".getBytes(StandardCharsets.US_ASCII), le((int) UNKNOWN, 4), data);
        assertVariant(streaming, i -> SOURCE[i]);
        // a sized data chunk followed by a LIST chunk, which is not audio
        assertVariant(riff(chunk("fmt ", fmt), chunk("data", data), chunk("LIST", new byte[100])), i -> SOURCE[i]);
    }

    @Test
    void unsupportedOrCorruptHeadersAreNamed() {
        assertFails(new WavStreamDecoder(), List.of(riff(chunk("fmt ", fmt(2, 1, 4, 8_000)))),
                "WAV format tag 0x0002 with 4-bit samples is not supported; supported: integer PCM of 8, 16, 24 or 32"
                        + " bits (format tag 1), 32-bit float (3), A-law (6) and mu-law (7)");
        assertFails(new WavStreamDecoder(), List.of(riff(chunk("data", new byte[8]))),
                "corrupt WAV: the 'data' chunk at byte 12 comes before the 'fmt ' chunk that says what it holds");
        assertFails(new WavStreamDecoder(), List.of(riff(chunk("fmt ", fmt(1, 16, 16, 8_000)))),
                "WAV with 16 channels is not supported, at most 8");
        byte[] rifx = WAV.clone();
        rifx[3] = 'X';
        assertFails(new WavStreamDecoder(), List.of(rifx), "RIFX (big-endian) or RF64 (64-bit sizes)");
        assertFails(new WavStreamDecoder(), List.of(Fixtures.bytes("speech.opus")), "not WAV");
        byte[] garbageChunk = Fixtures.patched(WAV, 36, (byte) 0x01, (byte) 0x02, (byte) 0x03, (byte) 0x04);
        assertFails(new WavStreamDecoder(), List.of(garbageChunk), "corrupt WAV: no chunk ID at byte 36");
    }

    /**
     * Decodes {@code wav} whole and in pieces: the same PCM, at 16 kHz, equal to {@code expected} sample by sample.
     */
    private static short[] assertVariant(byte[] wav, IntFunction<Short> expected) {
        WavStreamDecoder decoder = new WavStreamDecoder();
        short[] pcm = decoder.decode(wav);
        assertEquals(16_000, decoder.sampleRate());
        short[] want = new short[SOURCE.length];
        for (int i = 0; i < want.length; i++) {
            want[i] = expected.apply(i);
        }
        assertArrayEquals(want, pcm);
        assertArrayEquals(pcm, Fixtures.decodeAll(new WavStreamDecoder(), Fixtures.randomPieces(wav, 5, 37)));
        return pcm;
    }

    /** A WAV of the source with each sample frame made by {@code frame}. */
    private static byte[] pcm(int tag, int bits, int channels, IntFunction<byte[]> frame) {
        return riff(chunk("fmt ", fmt(tag, channels, bits, 16_000)), chunk("data", samples(frame)));
    }

    private static byte[] fmt(int tag, int channels, int bits, int rate) {
        int blockAlign = channels * Math.max(1, bits / 8);
        return concat(le(tag, 2), le(channels, 2), le(rate, 4), le(rate * blockAlign, 4), le(blockAlign, 2),
                le(bits, 2));
    }

    private static byte[] samples(IntFunction<byte[]> frame) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < SOURCE.length; i++) {
            data.writeBytes(frame.apply(i));
        }
        return data.toByteArray();
    }

    private static byte[] riff(byte[]... chunks) {
        byte[] body = concat(chunks);
        return concat("RIFF".getBytes(StandardCharsets.US_ASCII), le(4 + body.length, 4),
                "WAVE".getBytes(StandardCharsets.US_ASCII), body);
    }

    private static byte[] chunk(String id, byte[] data) {
        byte[] pad = new byte[data.length & 1];
        return concat(id.getBytes(StandardCharsets.US_ASCII), le(data.length, 4), data, pad);
    }

    private static byte[] le(int value, int bytes) {
        return Arrays.copyOf(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array(), bytes);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
