package dev.parley.runtime.audio.decoding;

import static dev.parley.runtime.audio.decoding.Fixtures.assertDecodes;
import static dev.parley.runtime.audio.decoding.Fixtures.assertFails;
import static dev.parley.runtime.audio.decoding.Fixtures.assertGarbageFailsEarly;
import static dev.parley.runtime.audio.decoding.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** speech.opus: opusenc at 24 kb/s from speech.wav (see the fixtures' README). */
class OggOpusDecoderTest {

    private static final byte[] OGG = bytes("speech.opus");

    @Test
    void decodesWholeAndInPiecesTrimmingPreSkipAndEndPadding() {
        short[] pcm = assertDecodes(OggOpusDecoder::new, OGG, null, 16_000, Fixtures.SPEECH_SECONDS);
        assertEquals(29_600, pcm.length, "exactly the source's samples: the last granule position cut the padding");
    }

    @Test
    void decodesAt48kHz() {
        OggOpusDecoder decoder = new OggOpusDecoder(48_000);
        assertEquals(3 * 29_600, decoder.decode(OGG).length);
        assertEquals(48_000, decoder.sampleRate());
    }

    @Test
    void aChainedStreamStartsOverAfterTheFirstEnds() {
        byte[] twice = Arrays.copyOf(OGG, 2 * OGG.length);
        System.arraycopy(OGG, 0, twice, OGG.length, OGG.length);
        assertEquals(2 * 29_600, Fixtures.decodeAll(new OggOpusDecoder(), Fixtures.randomPieces(twice, 12, 900)).length);
    }

    @Test
    void aPageThatFailsItsCrcIsCorrupt() {
        int secondPage = pageStart(1);
        int thirdPage = pageStart(2);
        byte[] corrupt = Fixtures.patched(OGG, thirdPage - 1, (byte) (OGG[thirdPage - 1] ^ 0x40));
        assertFails(new OggOpusDecoder(), Fixtures.randomPieces(corrupt, 2, 300),
                "corrupt Ogg: the page at byte " + secondPage + " fails its CRC check");
    }

    @Test
    void garbageAfterAGoodStartFails() {
        String message = assertGarbageFailsEarly(new OggOpusDecoder(), Arrays.copyOf(OGG, pageStart(3)),
                Fixtures.randomBytes(64 << 10, 3));
        assertEquals("corrupt Ogg: no page starts at byte " + pageStart(3) + " (garbage, or a page cut short)",
                message);
    }

    @Test
    void anOggStreamOfAnotherCodecIsNamed() {
        byte[] vorbis = OGG.clone();
        int head = Fixtures.indexOf(vorbis, "OpusHead".getBytes(StandardCharsets.US_ASCII));
        System.arraycopy("\u0001vorbis".getBytes(StandardCharsets.ISO_8859_1), 0, vorbis, head, 7);
        fixCrc(vorbis, 0);
        assertFails(new OggOpusDecoder(), List.of(vorbis), "the Ogg stream carries Vorbis; only Opus is supported");
    }

    @Test
    void somethingElseEntirelyIsNotOgg() {
        assertFails(new OggOpusDecoder(), List.of(bytes("speech.wav")), "not Ogg: the stream does not start with 'OggS'");
    }

    /** Where page {@code index} (0-based) starts. */
    private static int pageStart(int index) {
        int at = 0;
        for (int i = 0; i < index; i++) {
            at += pageLength(OGG, at);
        }
        return at;
    }

    private static int pageLength(byte[] ogg, int at) {
        int segments = ogg[at + 26] & 0xFF;
        int length = 27 + segments;
        for (int s = 0; s < segments; s++) {
            length += ogg[at + 27 + s] & 0xFF;
        }
        return length;
    }

    /** Recomputes the CRC of the page at {@code at}, for a test that changes a page on purpose. */
    private static void fixCrc(byte[] ogg, int at) {
        int length = pageLength(ogg, at);
        Arrays.fill(ogg, at + 22, at + 26, (byte) 0);
        int crc = 0;
        for (int i = at; i < at + length; i++) {
            crc ^= (ogg[i] & 0xFF) << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = crc < 0 ? crc << 1 ^ 0x04C11DB7 : crc << 1;
            }
        }
        for (int i = 0; i < 4; i++) {
            ogg[at + 22 + i] = (byte) (crc >>> 8 * i);
        }
    }
}
