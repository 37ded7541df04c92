package dev.parley.runtime.audio.decoding;

import static dev.parley.runtime.audio.decoding.Fixtures.assertFails;
import static dev.parley.runtime.audio.decoding.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every fixture through the sniffing decoder gives what its own decoder gives, however the first bytes arrive. */
class MediaContainerDecoderTest {

    @Test
    void sniffsEachContainer() {
        assertSameAs(WebmOpusDecoder::new, "recording.webm", 16_000);
        assertSameAs(OggOpusDecoder::new, "speech.opus", 16_000);
        assertSameAs(WavStreamDecoder::new, "speech.wav", 16_000);
        assertSameAs(Mp3StreamDecoder::new, "speech.mp3", 16_000);
        assertSameAs(Mp3StreamDecoder::new, "speech-stereo-44k.mp3", 44_100);
        assertSameAs(FlacStreamDecoder::new, "speech.flac", 16_000);
    }

    @Test
    void theMediaRecorderChunksAsTheyCame() {
        List<byte[]> chunks = Fixtures.mediaRecorderChunks();
        assertArrayEquals(new WebmOpusDecoder().decode(bytes("recording.webm")),
                Fixtures.decodeAll(new MediaContainerDecoder(), chunks));
    }

    @Test
    void opusComesOutAtTheRateAskedFor() {
        MediaContainerDecoder decoder = new MediaContainerDecoder(48_000);
        assertEquals(3 * 29_600, decoder.decode(bytes("speech.opus")).length);
        assertEquals(48_000, decoder.sampleRate());
    }

    @Test
    void unknownDataListsWhatIsSupported() {
        byte[] text = "hello, this is not audio at all".getBytes(StandardCharsets.US_ASCII);
        assertFails(new MediaContainerDecoder(), List.of(text), "unrecognized audio: the first bytes (68 65 6c 6c 6f"
                + " 2c 20 74) are not the start of any supported container; supported: WebM or Ogg with Opus, WAV, MP3,"
                + " FLAC");
    }

    @Test
    void safarisMp4IsNamed() {
        byte[] mp4 = {0, 0, 0, 0x1C, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0};
        assertFails(new MediaContainerDecoder(), List.of(mp4), "MP4 audio (what Safari's MediaRecorder makes) is not"
                + " supported; supported: WebM or Ogg with Opus, WAV, MP3, FLAC");
    }

    @Test
    void tenMegabytesOfGarbageFailAtOnce() {
        String message = Fixtures.assertGarbageFailsEarly(new MediaContainerDecoder(), new byte[0],
                Fixtures.randomBytes(64 << 10, 17));
        assertTrue(message.startsWith("unrecognized audio"), message);
    }

    /** The file in seeded pieces of 1 to 5 bytes at first, so sniffing must wait, then larger. */
    private static void assertSameAs(Supplier<StreamDecoder> direct, String fixture, int rate) {
        byte[] file = bytes(fixture);
        short[] expected = direct.get().decode(file);
        MediaContainerDecoder sniffing = new MediaContainerDecoder();
        assertEquals(0, sniffing.sampleRate());
        List<byte[]> pieces = new ArrayList<>(Fixtures.randomPieces(Arrays.copyOf(file, 40), 21, 5));
        pieces.addAll(Fixtures.randomPieces(Arrays.copyOfRange(file, 40, file.length), 22, 900));
        assertArrayEquals(expected, Fixtures.decodeAll(sniffing, pieces), fixture);
        assertEquals(rate, sniffing.sampleRate(), fixture);
    }
}
