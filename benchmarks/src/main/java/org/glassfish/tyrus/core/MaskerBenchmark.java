package org.glassfish.tyrus.core;

import dev.parley.benchmarks.jmh.XunaChunkFrame;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Not Parley: what Tyrus spends unmasking one client frame (a XUNA {@code user_audio_chunk}, 100 ms of 16 kHz PCM,
 * 4,290 bytes of payload), the largest single cost of both servers in the load benchmark's profile. Tyrus 2.2's
 * {@code Masker} is package-private, so this class sits in its package (a split package, benchmarks only).
 * {@code tyrusUnmask} is Tyrus' own method: one byte at a time, reading and writing the {@code volatile} fields
 * {@code mask} and {@code index} for every byte. {@code localsUnmask} is the same loop with the mask and index in
 * locals, {@code wordUnmask} XORs eight bytes at a time: what a patched {@code Masker} (or an upstream fix) would cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MaskerBenchmark {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The mask (4 bytes) followed by the masked payload, as Tyrus reads it from the incoming buffer. */
    private byte[] maskAndPayload;
    private int payloadLength;

    @Setup
    public void setUp() {
        byte[] payload = XunaChunkFrame.payload();
        payloadLength = payload.length;
        maskAndPayload = new byte[4 + payloadLength];
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        System.arraycopy(mask, 0, maskAndPayload, 0, 4);
        for (int i = 0; i < payloadLength; i++) {
            maskAndPayload[4 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
    }

    /** The masker escapes, as in Tyrus (its frame parser keeps it); else C2 scalar-replaces it and the volatiles vanish. */
    private Masker masker;

    @Benchmark
    public byte[] tyrusUnmask() {
        masker = new Masker(ByteBuffer.wrap(maskAndPayload));
        masker.readMask();
        return masker.unmask(payloadLength);
    }

    @Benchmark
    public byte[] localsUnmask() {
        byte[] mask = {maskAndPayload[0], maskAndPayload[1], maskAndPayload[2], maskAndPayload[3]};
        byte[] data = new byte[payloadLength];
        System.arraycopy(maskAndPayload, 4, data, 0, payloadLength);
        for (int i = 0; i < data.length; i++) {
            data[i] ^= mask[i & 3];
        }
        return data;
    }

    @Benchmark
    public byte[] wordUnmask() {
        byte[] data = new byte[payloadLength];
        System.arraycopy(maskAndPayload, 4, data, 0, payloadLength);
        int mask32 = (maskAndPayload[0] & 0xff) | (maskAndPayload[1] & 0xff) << 8 | (maskAndPayload[2] & 0xff) << 16
                | (maskAndPayload[3] & 0xff) << 24;
        long mask64 = (mask32 & 0xffffffffL) | (long) mask32 << 32;
        int i = 0;
        for (int words = data.length & ~7; i < words; i += 8) {
            LONGS.set(data, i, (long) LONGS.get(data, i) ^ mask64);
        }
        for (; i < data.length; i++) {
            data[i] ^= (byte) (mask64 >>> (8 * (i & 7)));
        }
        return data;
    }
}
