package dev.parley.benchmarks.jmh;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.runtime.audio.AudioConverter;
import dev.parley.runtime.audio.MuLawCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * G.711 mu-law per 20 ms telephony frame (160 samples at 8 kHz): the codec alone, and the whole conversions a
 * telephone session runs per frame (ulaw_8000 in -> pcm 16 kHz for speech recognition; pcm 16 kHz agent audio ->
 * ulaw_8000 out). x real time = 20 ms / time per op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MuLawBenchmark {
    private static final AudioFormat ULAW_8K = new AudioFormat(AudioFormat.Encoding.MULAW, 8_000, 1);
    private static final AudioFormat PCM_16K = AudioFormat.pcm16(16_000);

    private short[] linear;
    private byte[] codes;
    private short[] decoded;
    private byte[] encoded;
    private AudioFrame ulawFrame;
    private AudioFrame pcmFrame;
    private AudioConverter inbound;
    private AudioConverter outbound;

    @Setup
    public void setUp() {
        linear = new short[160];
        for (int i = 0; i < linear.length; i++) {
            linear[i] = (short) (12000 * Math.sin(2 * Math.PI * 440 * i / 8_000.0));
        }
        codes = new byte[160];
        MuLawCodec.encode(linear, 0, codes, 0, 160);
        decoded = new short[160];
        encoded = new byte[160];
        ulawFrame = new AudioFrame(ULAW_8K, codes.clone());
        byte[] pcm = new byte[640];
        for (int i = 0; i < 320; i++) {
            short s = (short) (12000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        pcmFrame = new AudioFrame(PCM_16K, pcm);
        inbound = new AudioConverter(ULAW_8K, PCM_16K);
        outbound = new AudioConverter(PCM_16K, ULAW_8K);
    }

    @Benchmark
    public byte[] encode20ms() {
        MuLawCodec.encode(linear, 0, encoded, 0, 160);
        return encoded;
    }

    @Benchmark
    public short[] decode20ms() {
        MuLawCodec.decode(codes, 0, decoded, 0, 160);
        return decoded;
    }

    @Benchmark
    public AudioFrame ulaw8kToPcm16k20ms() {
        return inbound.convert(ulawFrame);
    }

    @Benchmark
    public AudioFrame pcm16kToUlaw8k20ms() {
        return outbound.convert(pcmFrame);
    }
}
