package dev.parley.runtime.audio;

import java.util.Objects;

/**
 * The two G.711 companding laws, following the ITU-T G.191 reference implementation so the codes match what carriers
 * and other stacks produce. Each law supplies how one sample is compressed and one code expanded; the 256-entry decode
 * tables and the bulk loops exist once, here, for both. {@link MuLawCodec} and {@link ALawCodec} are the public faces.
 */
enum G711 {

    /**
     * mu-law: 14 bits of magnitude, so the two lowest bits are dropped on encode; codes are bit-inverted on the wire.
     */
    MU_LAW {
        @Override
        byte encode(int pcm16) {
            int x = Pcm16Codec.clip(pcm16);
            // G.191 takes the one's complement of negative samples (not the negation) before the shift;
            // that keeps -1..-4 at "negative zero" and matches the reference codes bit for bit.
            int magnitude = ((x < 0 ? ~x : x) >> 2) + 33; // 14-bit magnitude plus the mu-law bias of 33
            if (magnitude > 0x1FFF) {
                magnitude = 0x1FFF;
            }
            // The segment is the position of the highest set bit above the 6 bits segment 0 spans.
            int segment = 33 - Integer.numberOfLeadingZeros(magnitude >> 6); // 1..8
            int highNibble = 8 - segment;
            int lowNibble = 0x0F - ((magnitude >> segment) & 0x0F);
            int code = (highNibble << 4) | lowNibble;
            if (x >= 0) {
                code |= 0x80;
            }
            return (byte) code;
        }

        @Override
        short expand(int code) {
            int inverted = ~code;
            int exponent = (inverted >> 4) & 0x07;
            int mantissa = inverted & 0x0F;
            int step = 4 << (exponent + 1);
            // Reconstruct at the middle of the quantization interval, then remove the bias (4 * 33).
            int magnitude = (0x80 << exponent) + step * mantissa + step / 2 - 4 * 33;
            return (short) ((code & 0x80) != 0 ? magnitude : -magnitude);
        }
    },

    /** A-law: 13 bits, so the three lowest bits are dropped on encode; even bits are inverted on the wire. */
    A_LAW {
        @Override
        byte encode(int pcm16) {
            int x = Pcm16Codec.clip(pcm16);
            // One's complement for negatives, as in G.191, so -1..-16 land on the smallest negative code.
            int magnitude = (x < 0 ? ~x : x) >> 4; // 0..2047
            int code;
            if (magnitude <= 15) {
                code = magnitude; // segment 0 is linear
            } else {
                // Segments 1..7 keep the 4 bits below the leading one; the exponent is its position.
                int exponent = 28 - Integer.numberOfLeadingZeros(magnitude); // magnitude 16..31 -> 1
                code = ((magnitude >> (exponent - 1)) - 16) + (exponent << 4);
            }
            if (x >= 0) {
                code |= 0x80;
            }
            return (byte) (code ^ 0x55);
        }

        @Override
        short expand(int code) {
            int bits = (code ^ 0x55) & 0x7F;
            int exponent = bits >> 4;
            int mantissa = bits & 0x0F;
            if (exponent > 0) {
                mantissa += 16; // the implicit leading one of segments 1..7
            }
            // Left-justify and add half a quantization step so values sit mid-interval.
            int magnitude = (mantissa << 4) + 8;
            if (exponent > 1) {
                magnitude <<= exponent - 1;
            }
            return (short) ((code & 0x80) != 0 ? magnitude : -magnitude);
        }
    };

    /** Linear value of every code, indexed by the code as an unsigned byte (decoding is on every call's hot path). */
    private final short[] decodeTable = new short[256];
    /** The same values scaled to -1..1, so float pipelines skip the short step. */
    private final float[] decodeTableFloat = new float[256];

    static {
        for (G711 law : values()) {
            for (int code = 0; code < 256; code++) {
                law.decodeTable[code] = law.expand(code);
                law.decodeTableFloat[code] = law.decodeTable[code] / 32768f;
            }
        }
    }

    /** Encodes one signed 16-bit sample; values outside the short range are clipped first. */
    abstract byte encode(int pcm16);

    /** The G.191 expansion rule, used once per code to fill the tables. */
    abstract short expand(int code);

    /** Decodes one code to a signed 16-bit sample. */
    final short decode(byte code) {
        return decodeTable[code & 0xFF];
    }

    final void encode(short[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = encode(src[srcOffset + i]);
        }
    }

    final void encode(float[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = encode(Pcm16Codec.toPcm16(src[srcOffset + i]));
        }
    }

    final void decode(byte[] src, int srcOffset, short[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        short[] table = decodeTable;
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = table[src[srcOffset + i] & 0xFF];
        }
    }

    final void decode(byte[] src, int srcOffset, float[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        float[] table = decodeTableFloat;
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = table[src[srcOffset + i] & 0xFF];
        }
    }
}
