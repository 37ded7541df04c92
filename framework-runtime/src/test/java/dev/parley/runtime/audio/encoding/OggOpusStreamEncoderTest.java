package dev.parley.runtime.audio.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.runtime.speech.SpeechSamples;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OggOpusStreamEncoderTest {

    private static final int FRAME_48K = 960;

    @ParameterizedTest
    @ValueSource(ints = {48000, 24000, 16000, 12000, 8000, 44100, 22050, 32000})
    void decodesToTheTwoTonesAtEveryRate(int rate) {
        short[] input = Signals.twoTones(rate, 1.0);
        OggOpusFile ogg = OggOpusFile.parse(Signals.encode(new OggOpusStreamEncoder(rate), input));

        assertEquals(1, ogg.channels());
        assertEquals(rate, ogg.inputSampleRate());
        assertTrue(ogg.preSkip() > 0 && ogg.preSkip() < FRAME_48K, "pre-skip is the look-ahead: " + ogg.preSkip());
        assertEquals("Parley (Concentus)", ogg.vendor());
        short[] decoded = ogg.decode();
        long input48k = input.length * 48_000L / rate;
        assertEquals(input48k, decoded.length, FRAME_48K, "decoded length within a frame of the input's");
        Signals.assertTwoTones(decoded, 12_000, 36_000, 48_000, 20);
    }

    @Test
    void theHeadersGoFirstThenOnePagePerCallWithTheFramesItCompleted() {
        OggOpusStreamEncoder encoder = new OggOpusStreamEncoder(48_000);
        byte[] first = encoder.encode(new short[336], 0, 336); // 7 ms: no frame yet
        byte[] second = encoder.encode(new short[2880], 0, 2880); // 67 ms in all: three frames
        byte[] nothing = encoder.encode(new short[48], 0, 48); // 8 ms buffered
        byte[] last = encoder.finish();
        OggOpusFile ogg = OggOpusFile.parse(Signals.concat(List.of(first, second, nothing, last)));

        assertEquals(4, ogg.pages.size());
        assertEquals(ogg.pages.get(0).length() + ogg.pages.get(1).length(), first.length, "OpusHead and OpusTags");
        assertEquals(ogg.pages.get(2).length(), second.length);
        assertEquals(3, ogg.pages.get(2).packetsEnded());
        assertEquals(3 * FRAME_48K, ogg.pages.get(2).granulePosition());
        assertEquals(0, nothing.length);
        assertEquals(ogg.pages.get(3).length(), last.length);
        assertEquals(ogg.preSkip() + 336 + 2880 + 48, ogg.pages.get(3).granulePosition(), "the real end");
        assertEquals(336 + 2880 + 48, ogg.decode().length);
    }

    @Test
    void anEmptyStreamIsValidAndDecodesToNothing() {
        OggOpusFile ogg = OggOpusFile.parse(new OggOpusStreamEncoder(16_000).finish());
        assertEquals(ogg.preSkip(), ogg.pages.get(ogg.pages.size() - 1).granulePosition());
        assertEquals(0, ogg.decode().length);
    }

    @Test
    void theBitRateCanBeChosen() {
        short[] input = Signals.twoTones(48_000, 2.0);
        // kbps of the whole file: Opus varies the rate a little, and Ogg adds about 30 bytes a page
        double small = Signals.encode(new OggOpusStreamEncoder(48_000, 12), input).length * 8 / 2000.0;
        double large = Signals.encode(new OggOpusStreamEncoder(48_000, 64), input).length * 8 / 2000.0;
        assertTrue(small > 9 && small < 20, "12 kbps asked, " + small + " kbps");
        assertTrue(large > 55 && large < 80, "64 kbps asked, " + large + " kbps");
    }

    @Test
    void opusToolsAgreeWhereInstalled() {
        assumeTrue(ExternalTool.installed("opusinfo") && ExternalTool.installed("opusdec"), "no opus-tools");
        short[] input = Signals.twoTones(44_100, 1.0);
        byte[] bytes = Signals.encode(new OggOpusStreamEncoder(44_100), input);
        Path opus = ExternalTool.file("tones.opus", bytes);
        Path wav = opus.resolveSibling("tones-opus.wav");

        String info = ExternalTool.run("opusinfo", opus.toString());
        String lower = info.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("warning") || lower.contains("error"), info);
        assertTrue(info.contains("Channels: 1") && info.contains("Original sample rate: 44100 Hz"), info);
        ExternalTool.run("opusdec", "--quiet", "--rate", "48000", opus.toString(), wav.toString());
        short[] decoded = SpeechSamples.pcm16(wav, 48_000);
        assertEquals(OggOpusFile.parse(bytes).decode().length, decoded.length, "opusdec trims as the page reader does");
        Signals.assertTwoTones(decoded, 12_000, 36_000, 48_000, 20);
    }

    @Test
    void misuseIsRejected() {
        assertEquals("Opus bit rates are 6 to 510 kbps, not 5",
                assertThrows(IllegalArgumentException.class, () -> new OggOpusStreamEncoder(48_000, 5)).getMessage());
        assertEquals("Ogg Opus sample rate must be positive, not 0",
                assertThrows(IllegalArgumentException.class, () -> new OggOpusStreamEncoder(0)).getMessage());
        OggOpusStreamEncoder encoder = new OggOpusStreamEncoder(8_000);
        encoder.finish();
        String message = "this Ogg Opus stream is finished; open a new encoder for the next one";
        assertEquals(message,
                assertThrows(IllegalStateException.class, () -> encoder.encode(new short[1], 0, 1)).getMessage());
        assertEquals(message, assertThrows(IllegalStateException.class, encoder::finish).getMessage());
    }
}
