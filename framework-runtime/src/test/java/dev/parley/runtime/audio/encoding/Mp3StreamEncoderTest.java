package dev.parley.runtime.audio.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.speech.SpeechSamples;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Mp3StreamEncoderTest {

    /** LAME's encoder delay (576) plus the MP3 decoder's (529), in samples. */
    private static final int CODEC_DELAY = 1105;
    /** The encoder delay plus the least padding LAME puts after the last sample (576). */
    private static final int LAME_OVERHEAD = 1152;

    @ParameterizedTest
    @ValueSource(ints = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000})
    void jlayerDecodesTheTwoTonesAtEveryRate(int rate) {
        short[] input = Signals.twoTones(rate, 1.0);
        Mp3Decoding mp3 = Mp3Decoding.decode(Signals.encode(new Mp3StreamEncoder(rate), input));

        assertEquals(rate, mp3.sampleRate());
        assertEquals(1, mp3.channels());
        int bitRate = mp3.frames().get(0).bitrate();
        assertEquals(rate < 16_000 ? 64_000 : 128_000, bitRate, "128 kbps, or LAME's highest below 16 kHz");
        assertTrue(mp3.frames().stream().allMatch(f -> f.bitrate() == bitRate), "constant bit rate");
        Signals.assertTwoTones(mp3.samples(), CODEC_DELAY + rate / 4, CODEC_DELAY + rate * 3 / 4, rate, 20);
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 44100})
    void decodedAudioIsTheInputAfterTheCodecDelayAndLessThanAFrameOfPadding(int rate) {
        // noise, unlike tones, has one lag at which it matches itself
        short[] input = SpeechSamples.noise(0.5, rate, -20, 7);
        short[] decoded = Mp3Decoding.decode(Signals.encode(new Mp3StreamEncoder(rate), input)).samples();

        assertEquals(CODEC_DELAY, bestLag(input, decoded, 2 * CODEC_DELAY));
        int frameSize = rate >= 32_000 ? 1152 : 576;
        int beyond = decoded.length - input.length - LAME_OVERHEAD;
        assertTrue(beyond >= 0 && beyond < frameSize, "within one frame of input + LAME's fixed overhead: " + beyond);
    }

    @Test
    void everyPieceIsWholeFramesAndTheStreamHasNoTags() {
        short[] input = Signals.twoTones(44_100, 1);
        List<byte[]> pieces = Signals.nonEmpty(Signals.encodeInPieces(new Mp3StreamEncoder(44_100), input));
        assertTrue(pieces.size() > 10, "frames go out as they are ready: " + pieces.size() + " pieces");
        for (byte[] piece : pieces) {
            assertTrue((piece[0] & 0xFF) == 0xFF && (piece[1] & 0xE0) == 0xE0, "a piece starts with a frame sync");
            assertEquals(piece.length, Mp3Decoding.wholeFramesLength(piece), "a piece is whole frames");
        }
        String stream = new String(Signals.concat(pieces), StandardCharsets.ISO_8859_1);
        assertFalse(stream.startsWith("ID3") || stream.contains("Xing") || stream.contains("Info"),
                "no ID3v2 tag, no Xing or Info tag");
        assertFalse(stream.substring(stream.length() - 128).startsWith("TAG"), "no ID3v1 tag");
    }

    @Test
    void theBitRateCanBeChosen() {
        short[] input = Signals.twoTones(44_100, 1);
        Mp3Decoding mp3 = Mp3Decoding.decode(Signals.encode(new Mp3StreamEncoder(44_100, 64), input));
        assertEquals(64_000, mp3.frames().get(0).bitrate());
        Signals.assertTwoTones(mp3.samples(), CODEC_DELAY + 11_025, CODEC_DELAY + 33_075, 44_100, 20);
    }

    @Test
    void anEmptyStreamIsFramesOfSilence() {
        byte[] mp3 = new Mp3StreamEncoder(24_000).finish();
        assertTrue(mp3.length > 0, "LAME flushes its delay");
        assertEquals(mp3.length, Mp3Decoding.wholeFramesLength(mp3));
        for (short sample : Mp3Decoding.decode(mp3).samples()) {
            assertEquals(0, sample);
        }
    }

    @Test
    void ratesAndBitRatesMp3HasNotAreRejectedWithTheOnesItHas() {
        assertEquals("MP3 has no sample rate of 44000 Hz; it has 8000, 11025, 12000, 16000, 22050, 24000, 32000, "
                + "44100, 48000 Hz (see nearestSupportedRate)",
                assertThrows(IllegalArgumentException.class, () -> new Mp3StreamEncoder(44_000)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Mp3StreamEncoder(0)).getMessage()
                .startsWith("MP3 has no sample rate of 0 Hz; it has 8000"));
        assertEquals("MP3 at 44100 Hz has no bit rate of 100 kbps; it has 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, "
                + "192, 224, 256, 320 kbps",
                assertThrows(IllegalArgumentException.class, () -> new Mp3StreamEncoder(44_100, 100)).getMessage());
        assertEquals("MP3 at 8000 Hz has no bit rate of 128 kbps; it has 8, 16, 24, 32, 40, 48, 56, 64 kbps",
                assertThrows(IllegalArgumentException.class, () -> new Mp3StreamEncoder(8_000, 128)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"44000, 44100", "44100, 44100", "10000, 11025", "9512, 8000", "14000, 16000", "96000, 48000",
            "1, 8000"})
    void nearestSupportedRateIsTheClosestTheHigherOnATie(int rate, int nearest) {
        assertEquals(nearest, Mp3StreamEncoder.nearestSupportedRate(rate));
    }

    @Test
    void nearestSupportedRateNeedsARate() {
        assertEquals("sample rate must be positive, not 0", assertThrows(IllegalArgumentException.class,
                () -> Mp3StreamEncoder.nearestSupportedRate(0)).getMessage());
    }

    @Test
    void aFinishedStreamTakesNothingMore() {
        Mp3StreamEncoder encoder = new Mp3StreamEncoder(16_000);
        encoder.encode(new short[320], 0, 320);
        encoder.finish();
        String message = "this MP3 stream is finished; open a new encoder for the next one";
        assertEquals(message, assertThrows(IllegalStateException.class, () -> encoder.encode(new short[320], 0, 320))
                .getMessage());
        assertEquals(message, assertThrows(IllegalStateException.class, encoder::finish).getMessage());
    }

    /** The lag (0 to {@code maxLag}) at which {@code decoded} matches {@code input} best. */
    private static int bestLag(short[] input, short[] decoded, int maxLag) {
        int best = 0;
        double bestCorrelation = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= maxLag; lag++) {
            double correlation = 0;
            for (int i = 0; i < input.length && i + lag < decoded.length; i++) {
                correlation += (double) input[i] * decoded[i + lag];
            }
            if (correlation > bestCorrelation) {
                bestCorrelation = correlation;
                best = lag;
            }
        }
        return best;
    }
}
