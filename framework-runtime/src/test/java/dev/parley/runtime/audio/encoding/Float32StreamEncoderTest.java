package dev.parley.runtime.audio.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class Float32StreamEncoderTest {

    @Test
    void theJdkReadsTheFloatsBackExactly() {
        short[] input = Signals.twoTones(24_000, 0.5);
        input[0] = Short.MIN_VALUE;
        input[1] = Short.MAX_VALUE;
        byte[] raw = Signals.encode(new Float32StreamEncoder(24_000), input);

        FloatBuffer floats = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        assertEquals(input.length, floats.remaining(), "no header, four bytes a sample");
        assertEquals(-1f, floats.get(0));
        for (int i = 0; i < input.length; i++) {
            assertEquals(input[i], floats.get(i) * 32768f, "sample " + i);
        }
    }

    @Test
    void aFinishedStreamTakesNothingMore() {
        Float32StreamEncoder encoder = new Float32StreamEncoder(16_000);
        assertEquals(0, encoder.finish().length);
        assertEquals("this float32 stream is finished; open a new encoder for the next one",
                assertThrows(IllegalStateException.class, () -> encoder.encode(new short[1], 0, 1)).getMessage());
    }
}
