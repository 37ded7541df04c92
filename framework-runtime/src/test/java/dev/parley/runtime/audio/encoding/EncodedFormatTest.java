package dev.parley.runtime.audio.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EncodedFormatTest {

    private static final Map<EncodedFormat, Class<?>> ENCODERS = Map.of(
            EncodedFormat.MP3, Mp3StreamEncoder.class,
            EncodedFormat.WAV, WavStreamEncoder.class,
            EncodedFormat.FLAC, FlacStreamEncoder.class,
            EncodedFormat.OGG_OPUS, OggOpusStreamEncoder.class,
            EncodedFormat.FLOAT32, Float32StreamEncoder.class,
            EncodedFormat.MULAW, MuLawStreamEncoder.class);

    @ParameterizedTest
    @EnumSource(EncodedFormat.class)
    void opensANewEncoderAtTheRate(EncodedFormat format) {
        StreamEncoder encoder = format.open(16_000);
        assertEquals(ENCODERS.get(format), encoder.getClass());
        assertEquals(16_000, encoder.sampleRate());
        assertNotSame(encoder, format.open(16_000));
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.encode(new short[10], 5, 6));
        assertTrue(Signals.encode(encoder, Signals.twoTones(16_000, 0.2)).length > 0);
    }

    @Test
    void aRateTheFormatLacksIsRejectedOnOpening() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EncodedFormat.MP3.open(44_000)).getMessage()
                .startsWith("MP3 has no sample rate of 44000 Hz"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EncodedFormat.FLAC.open(1_000_000)).getMessage()
                .startsWith("FLAC has no sample rate of 1000000 Hz"));
        assertEquals("mu-law sample rate must be positive, not -8000",
                assertThrows(IllegalArgumentException.class, () -> EncodedFormat.MULAW.open(-8_000)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EncodedFormat.OGG_OPUS.open(44_101)).getMessage()
                .startsWith("cannot resample 44101 Hz -> 48000 Hz"), "Opus takes other rates through the resampler");
    }
}
