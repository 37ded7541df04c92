package dev.parley.runtime.audio.decoding;

import static dev.parley.runtime.audio.decoding.Fixtures.assertDecodes;
import static dev.parley.runtime.audio.decoding.Fixtures.assertFails;
import static dev.parley.runtime.audio.decoding.Fixtures.assertGarbageFailsEarly;
import static dev.parley.runtime.audio.decoding.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.runtime.audio.Pcm16Codec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** speech.flac: flac --best from speech.wav. Lossless, so the PCM must be the source's, sample for sample. */
class FlacStreamDecoderTest {

    private static final byte[] FLAC = bytes("speech.flac");
    private static final byte[] WAV = bytes("speech.wav");

    @Test
    void decodesWholeAndInPiecesToExactlyTheSource() {
        short[] pcm = assertDecodes(FlacStreamDecoder::new, FLAC, null, 16_000, Fixtures.SPEECH_SECONDS);
        assertArrayEquals(Pcm16Codec.toShorts(Arrays.copyOfRange(WAV, 44, WAV.length)), pcm);
    }

    @Test
    void aStreamOfFramesWithoutTheHeaderDecodesToo() {
        byte[] frames = Arrays.copyOfRange(FLAC, firstFrame(), FLAC.length);
        FlacStreamDecoder decoder = new FlacStreamDecoder();
        assertEquals(0, decoder.sampleRate());
        short[] pcm = Fixtures.decodeAll(decoder, Fixtures.randomPieces(frames, 6, 500));
        assertEquals(16_000, decoder.sampleRate(), "from the first frame's header");
        assertArrayEquals(new FlacStreamDecoder().decode(FLAC), pcm);

        assertArrayEquals(pcm, new FlacStreamDecoder(16_000).decode(frames), "a declared rate that agrees");
        assertFails(new FlacStreamDecoder(8_000), List.of(frames), "corrupt FLAC frame at byte 0: it is at 16000 Hz,"
                + " the stream at 8000");
    }

    @Test
    void aCorruptFrameIsNamed() {
        int second = firstFrame() + 200;
        byte[] corrupt = Fixtures.patched(FLAC, second, (byte) (FLAC[second] ^ 0x10));
        assertFails(new FlacStreamDecoder(), Fixtures.randomPieces(corrupt, 8, 400), "corrupt FLAC");
    }

    @Test
    void bytesThatNeverCompleteAFrameFailOnceTheBufferIsFull() {
        byte[] start = Arrays.copyOf(FLAC, firstFrame() + 2); // the header and a frame sync
        String message = assertGarbageFailsEarly(new FlacStreamDecoder(), start, new byte[64 << 10]);
        assertEquals("corrupt FLAC: no complete frame (one whose CRC matches) in the 1 MB from byte " + firstFrame(),
                message);
    }

    @Test
    void garbageAfterAGoodStartFails() {
        assertGarbageFailsEarly(new FlacStreamDecoder(), Arrays.copyOf(FLAC, firstFrame()),
                Fixtures.randomBytes(64 << 10, 13));
    }

    @Test
    void somethingElseEntirelyIsNotFlac() {
        assertFails(new FlacStreamDecoder(), List.of(WAV), "not FLAC: the stream starts with neither 'fLaC' nor a frame");
    }

    /** After "fLaC" and the metadata blocks, each a 4-byte header (last-block flag, type, 24-bit length) and data. */
    private static int firstFrame() {
        int at = 4;
        boolean last;
        do {
            last = (FLAC[at] & 0x80) != 0;
            at += 4 + ((FLAC[at + 1] & 0xFF) << 16 | (FLAC[at + 2] & 0xFF) << 8 | FLAC[at + 3] & 0xFF);
        } while (!last);
        return at;
    }
}
