package dev.parley.runtime.audio.decoding;

import static dev.parley.runtime.audio.decoding.Fixtures.assertDecodes;
import static dev.parley.runtime.audio.decoding.Fixtures.assertFails;
import static dev.parley.runtime.audio.decoding.Fixtures.assertGarbageFailsEarly;
import static dev.parley.runtime.audio.decoding.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** speech.mp3 (LAME, 64 kb/s MPEG-2 at 16 kHz, mono) and speech-stereo-44k.mp3 (80 kb/s MPEG-1 joint stereo). */
class Mp3StreamDecoderTest {

    private static final byte[] MONO = bytes("speech.mp3");
    private static final byte[] STEREO = bytes("speech-stereo-44k.mp3");

    @Test
    void decodesMonoMpeg2TrimmingWhatTheLameTagSays() {
        short[] pcm = assertDecodes(Mp3StreamDecoder::new, MONO, null, 16_000, Fixtures.SPEECH_SECONDS);
        assertEquals(29_600, pcm.length, "encoder delay and padding trimmed to the sample");
    }

    @Test
    void decodesStereoMpeg1ToMono() {
        short[] pcm = assertDecodes(Mp3StreamDecoder::new, STEREO, null, 44_100, Fixtures.SPEECH_SECONDS);
        assertEquals(81_585, pcm.length);
    }

    @Test
    void skipsAnId3TagInFrontAndOneAtTheEnd() {
        byte[] id3v2 = new byte[10 + 300];
        System.arraycopy("ID3".getBytes(StandardCharsets.US_ASCII), 0, id3v2, 0, 3);
        id3v2[3] = 4;
        id3v2[8] = 2; // size 2 * 128 + 44 = 300, seven bits a byte
        id3v2[9] = 44;
        byte[] id3v1 = Arrays.copyOf("TAG".getBytes(StandardCharsets.US_ASCII), 128);
        byte[] tagged = new byte[id3v2.length + MONO.length + id3v1.length];
        System.arraycopy(id3v2, 0, tagged, 0, id3v2.length);
        System.arraycopy(MONO, 0, tagged, id3v2.length, MONO.length);
        System.arraycopy(id3v1, 0, tagged, id3v2.length + MONO.length, id3v1.length);

        short[] plain = new Mp3StreamDecoder().decode(MONO);
        assertArrayEquals(plain, new Mp3StreamDecoder().decode(tagged));
        assertArrayEquals(plain, Fixtures.decodeAll(new Mp3StreamDecoder(), Fixtures.randomPieces(tagged, 9, 50)));
    }

    @Test
    void withoutTheLameTagNothingIsTrimmed() {
        int infoFrame = 288; // 64 kb/s at 16 kHz: 72 * 64000 / 16000 bytes a frame
        byte[] untagged = Arrays.copyOfRange(MONO, infoFrame, MONO.length);
        Mp3StreamDecoder decoder = new Mp3StreamDecoder();
        short[] pcm = decoder.decode(untagged);
        assertEquals(untagged.length / infoFrame * 576, pcm.length, "every frame's 576 samples");
        assertTrue(pcm.length > 29_600, "longer than the source by the encoder's delay and padding");
    }

    @Test
    void garbageAfterAGoodStartFails() {
        String message = assertGarbageFailsEarly(new Mp3StreamDecoder(), Arrays.copyOf(MONO, 288 * 5),
                Fixtures.randomBytes(64 << 10, 11));
        assertEquals("corrupt MP3: no frame header at byte 1440 after 5 frames (garbage, or a frame cut short)",
                message);
    }

    @Test
    void aChangeOfFormatMidStreamIsRefused() {
        byte[] both = Arrays.copyOf(MONO, MONO.length + STEREO.length);
        System.arraycopy(STEREO, 0, both, MONO.length, STEREO.length);
        assertFails(new Mp3StreamDecoder(), List.of(both), "MP3 changes from MPEG-2 layer 3, 16000 Hz, mono to MPEG-1"
                + " layer 3, 44100 Hz, stereo at byte " + MONO.length);
    }

    @Test
    void somethingElseEntirelyIsNotMp3() {
        assertFails(new Mp3StreamDecoder(), List.of(bytes("speech.flac")), "not MP3: no MPEG audio frame header at byte 0");
    }
}
