package io.undertow.websockets.core.protocol.version07;

import dev.parley.benchmarks.jmh.XunaChunkFrame;
import io.undertow.websockets.core.UTF8Output;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Not Parley: what Undertow 2.3 spends on one client text frame (a XUNA {@code user_audio_chunk}, 4,290 bytes of
 * payload) before a {@code jakarta.websocket} endpoint sees it: its {@code Masker} unmasks and its {@code UTF8Checker}
 * validates one byte at a time through {@code ByteBuffer.get(int)}/{@code put(int, byte)}, over the container's pooled
 * buffers, which are direct or on the heap ({@code direct}), and its {@code UTF8Output} decodes the text a byte at a
 * time into a {@code StringBuilder}. The three are the largest costs of both Undertow servers in the load benchmark's
 * profile. {@code Masker}'s constructor is package-private, so this class sits in its package (benchmarks only).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UndertowFrameBenchmark {
    @Param({"true", "false"})
    public boolean direct;

    private ByteBuffer frame;
    private int length;
    private Masker masker;
    private UTF8Checker checker;

    @Setup
    public void setUp() {
        byte[] payload = XunaChunkFrame.payload();
        length = payload.length;
        // the pool's buffers are 16 KiB
        frame = direct ? ByteBuffer.allocateDirect(16 * 1024) : ByteBuffer.allocate(16 * 1024);
        frame.put(payload).flip();
        masker = new Masker(0x37fa213d);
        checker = new UTF8Checker();
    }

    /** Masking is its own inverse: every call flips the payload between masked and clear. */
    @Benchmark
    public ByteBuffer unmask() {
        masker.afterRead(frame, 0, length);
        return frame;
    }

    @Benchmark
    public ByteBuffer checkUtf8() throws java.io.IOException {
        checker.afterRead(frame, 0, length);
        return frame;
    }

    /** The JSR layer's {@code BufferedTextMessage}: decodes the frame a byte at a time into a new StringBuilder. */
    @Benchmark
    public String decodeToString() {
        UTF8Output text = new UTF8Output();
        text.write(frame.duplicate());
        return text.extract();
    }

    /** A floor: the JDK's UTF-8 decoder on the same bytes (ASCII: its vectorized path on a heap buffer) into a String. */
    @Benchmark
    public String jdkDecodeToString() {
        return StandardCharsets.UTF_8.decode(frame.duplicate()).toString();
    }
}
