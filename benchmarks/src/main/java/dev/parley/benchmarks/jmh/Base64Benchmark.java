package dev.parley.benchmarks.jmh;

import com.fasterxml.jackson.core.Base64Variants;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Base64 of one XUNA chunk: 3,200 bytes (100 ms of 16 kHz PCM). Parley decodes with the JDK's decoder and encodes
 * through Jackson (a {@code byte[]} put into a tree is written with Jackson's default base64 variant).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Base64Benchmark {
    private byte[] pcm;
    private String encoded;

    @Setup
    public void setUp() {
        pcm = new byte[3_200];
        new java.util.Random(7).nextBytes(pcm);
        encoded = Base64.getEncoder().encodeToString(pcm);
    }

    @Benchmark
    public String jdkEncode() {
        return Base64.getEncoder().encodeToString(pcm);
    }

    @Benchmark
    public byte[] jdkDecode() {
        return Base64.getDecoder().decode(encoded);
    }

    @Benchmark
    public String jacksonEncode() {
        return Base64Variants.getDefaultVariant().encode(pcm);
    }

    @Benchmark
    public byte[] jacksonDecode() {
        return Base64Variants.getDefaultVariant().decode(encoded);
    }
}
