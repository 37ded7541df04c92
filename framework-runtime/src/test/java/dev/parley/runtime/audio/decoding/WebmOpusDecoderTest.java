package dev.parley.runtime.audio.decoding;

import static dev.parley.runtime.audio.decoding.Fixtures.assertDecodes;
import static dev.parley.runtime.audio.decoding.Fixtures.assertFails;
import static dev.parley.runtime.audio.decoding.Fixtures.assertGarbageFailsEarly;
import static dev.parley.runtime.audio.decoding.Fixtures.bytes;
import static dev.parley.runtime.audio.decoding.Fixtures.indexOf;
import static dev.parley.runtime.audio.decoding.Fixtures.patched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** recording.webm: Chromium's MediaRecorder, audio/webm;codecs=opus, 250 ms timeslices (see the fixtures' README). */
class WebmOpusDecoderTest {

    private static final byte[] WEBM = bytes("recording.webm");
    private static final int SIMPLE_BLOCK = 0xA3;

    @Test
    void decodesTheMediaRecorderRecordingWholeInPiecesAndInItsOwnChunks() {
        List<byte[]> chunks = Fixtures.mediaRecorderChunks();
        assertTrue(chunks.size() > 1);
        assertTrue(chunks.get(1)[0] != (byte) SIMPLE_BLOCK, "the recorder cut inside an element, not between two");

        assertDecodes(WebmOpusDecoder::new, WEBM, chunks, 16_000, Fixtures.chromiumSeconds());
    }

    @Test
    void decodesAtTheRateAskedFor() {
        for (int rate : new int[] {8_000, 12_000, 24_000, 48_000}) {
            WebmOpusDecoder decoder = new WebmOpusDecoder(rate);
            short[] pcm = decoder.decode(WEBM);
            assertEquals(rate, decoder.sampleRate());
            assertEquals(Fixtures.chromiumSeconds(), pcm.length / (double) rate, Fixtures.DURATION_TOLERANCE);
        }
        assertThrows(IllegalArgumentException.class, () -> new WebmOpusDecoder(44_100));
    }

    @Test
    void theSampleRateIsKnownOnceTheTracksAre() {
        WebmOpusDecoder decoder = new WebmOpusDecoder();
        decoder.decode(Arrays.copyOf(WEBM, 0x40)); // the EBML header and part of Info
        assertEquals(0, decoder.sampleRate());
        decoder.decode(Arrays.copyOfRange(WEBM, 0x40, 0x98)); // through Tracks
        assertEquals(16_000, decoder.sampleRate());
    }

    @Test
    void aRecorderRestartedMidStreamStartsANewStream() {
        byte[] twice = Arrays.copyOf(WEBM, 2 * WEBM.length);
        System.arraycopy(WEBM, 0, twice, WEBM.length, WEBM.length);
        short[] once = new WebmOpusDecoder().decode(WEBM);
        assertEquals(2 * once.length, Fixtures.decodeAll(new WebmOpusDecoder(), Fixtures.randomPieces(twice, 5, 900))
                .length);
    }

    @Test
    void measuresTheDecodingSpeed() {
        for (int i = 0; i < 10; i++) {
            new WebmOpusDecoder().decode(WEBM); // let the JIT compile concentus first
        }
        int runs = 30;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            new WebmOpusDecoder().decode(WEBM);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double speed = runs * Fixtures.chromiumSeconds() / seconds;
        System.out.printf("[measure] WebM/Opus to 16 kHz: %.0fx real time (%d x %.2f s in %.3f s)%n",
                speed, runs, Fixtures.chromiumSeconds(), seconds);
        assertTrue(speed > 5, "decoding keeps far ahead of the audio, even on a busy machine: " + speed + "x");
    }

    @Test
    void aTrackInAnotherCodecIsNamed() {
        int codecId = indexOf(WEBM, "A_OPUS".getBytes(StandardCharsets.US_ASCII));
        byte[] aac = patched(WEBM, codecId, "A_AAC\0".getBytes(StandardCharsets.US_ASCII));
        assertFails(new WebmOpusDecoder(), List.of(aac),
                "the WebM audio track is coded as A_AAC; only Opus (A_OPUS) is supported");
    }

    @Test
    void anElementSizeOfZeroLengthIsCorrupt() {
        int firstBlock = firstSimpleBlock();
        String message = assertFails(new WebmOpusDecoder(), List.of(patched(WEBM, firstBlock + 1, (byte) 0x00)),
                "the size of element 0xA3 starts with byte 0x00, which no size can");
        assertTrue(message.startsWith("corrupt WebM at byte " + firstBlock + ":"), message);
    }

    @Test
    void aBlockSizeTooSmallLeavesTheReaderInsideTheBlockWhereItIsCaught() {
        int firstBlock = firstSimpleBlock();
        byte[] corrupt = patched(WEBM, firstBlock + 1, (byte) 0x84); // only the block header: track, time, flags
        String message = assertFails(new WebmOpusDecoder(), Fixtures.randomPieces(corrupt, 4, 100),
                "(garbage, or a wrong element size before it)");
        assertTrue(message.startsWith("corrupt WebM at byte " + (firstBlock + 6) + ": element 0x"), message);
    }

    @Test
    void aSizeInsideTracksThatRunsPastItIsCorrupt() {
        int codecId = indexOf(WEBM, (byte) 0x86, (byte) 0x86, (byte) 'A'); // CodecID, 6 bytes: "A_OPUS"
        assertFails(new WebmOpusDecoder(), List.of(patched(WEBM, codecId + 1, (byte) 0xC0)),
                "runs past the end of the element that holds it");
    }

    @Test
    void aBlockBeforeTheTracksIsCorrupt() {
        int tracks = indexOf(WEBM, (byte) 0x16, (byte) 0x54, (byte) 0xAE, (byte) 0x6B);
        assertEquals((byte) 0xBF, WEBM[tracks + 4], "Tracks holds 63 bytes");
        // the same 68 bytes as a Void element: ID EC, a 4-byte size of 63
        byte[] noTracks = patched(WEBM, tracks, (byte) 0xEC, (byte) 0x10, (byte) 0x00, (byte) 0x00, (byte) 0x3F);
        assertFails(new WebmOpusDecoder(), List.of(noTracks),
                "a block comes before the Tracks element that says what it holds");
    }

    @Test
    void anElementLargerThanTheBoundIsRefusedFromItsHeader() {
        byte[] start = Arrays.copyOf(WEBM, firstSimpleBlock());
        byte[] huge = {(byte) SIMPLE_BLOCK, 0x01, 0x00, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00}; // 2 MB
        byte[] stream = Arrays.copyOf(start, start.length + huge.length);
        System.arraycopy(huge, 0, stream, start.length, huge.length);
        assertFails(new WebmOpusDecoder(), List.of(stream), "WebM element 0xA3 at byte " + start.length
                + " is 2097152 bytes; at most 1 MB is accepted");
    }

    @Test
    void garbageAfterAGoodStartFails() {
        List<byte[]> chunks = Fixtures.mediaRecorderChunks();
        byte[] garbage = Fixtures.randomBytes(64 << 10, 7);
        StreamDecoder decoder = new WebmOpusDecoder();
        decoder.decode(chunks.get(0));
        decoder.decode(chunks.get(1));
        String message = assertGarbageFailsEarly(decoder, chunks.get(2), garbage);
        assertTrue(message.startsWith("corrupt"), message);
    }

    @Test
    void somethingElseEntirelyIsNotWebm() {
        assertFails(new WebmOpusDecoder(), List.of(bytes("speech.opus")), "not WebM: expected the EBML header");
    }

    private static int firstSimpleBlock() {
        int cluster = indexOf(WEBM, (byte) 0x1F, (byte) 0x43, (byte) 0xB6, (byte) 0x75);
        return indexOf(Arrays.copyOfRange(WEBM, cluster, WEBM.length), (byte) SIMPLE_BLOCK) + cluster;
    }
}
