package dev.parley.runtime.dialect.xuna;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.parley.runtime.validation.MessageValidator;
import java.io.IOException;
import java.util.Optional;
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
 * The XUNA dialect's codec per frame: decoding a {@code user_audio_chunk} (100 ms of 16 kHz PCM, 3,200 bytes) and
 * encoding the {@code audio} event that carries it back. {@code XunaCodec} is package-private, so this class sits
 * in the dialect's package (a split package, benchmarks only). The {@code reference*} methods are not Parley: the
 * same work done with Jackson's streaming API or by string concatenation (floors), and the {@code audio} event as the
 * Jackson tree the codec used before it wrote that event by hand.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class XunaCodecBenchmark {
    private final XunaCodec codec = new XunaCodec();
    private final JsonFactory json = new JsonFactory();
    private final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    private final MessageValidator validator = MessageValidator.create();
    private XunaInbound userAudio;
    private byte[] pcm;
    private String userAudioChunk;
    private String pong;

    @Setup
    public void setUp() {
        pcm = new byte[3_200];
        for (int i = 0; i < pcm.length / 2; i++) {
            short sample = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        userAudioChunk = "{\"user_audio_chunk\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}";
        pong = "{\"type\":\"pong\",\"event_id\":42}";
        userAudio = new XunaInbound.UserAudio(pcm);
    }

    /** What XunaConnection.onText does after decoding every frame, audio included: Bean Validation of the message. */
    @Benchmark
    public Optional<String> validateUserAudio() {
        return validator.violations(userAudio);
    }

    @Benchmark
    public XunaInbound decodeUserAudioChunk() throws XunaProtocolException {
        return codec.decode(userAudioChunk);
    }

    @Benchmark
    public String encodeAudio() {
        return codec.audio(7, pcm);
    }

    @Benchmark
    public String encodePing() {
        return codec.ping(42, 3L);
    }

    @Benchmark
    public XunaInbound decodePong() throws XunaProtocolException {
        return codec.decode(pong);
    }

    /** Not Parley: the chunk's audio read with a streaming parser (no tree), then base64-decoded by the JDK. */
    @Benchmark
    public byte[] referenceStreamingDecode() throws IOException {
        try (JsonParser parser = json.createParser(userAudioChunk)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("user_audio_chunk")) {
                    return Base64.getDecoder().decode(parser.getText());
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    /** Not Parley (since the codec writes it by hand): the audio event as a Jackson tree, as the codec wrote it before. */
    @Benchmark
    public String referenceTreeEncode() throws com.fasterxml.jackson.core.JsonProcessingException {
        com.fasterxml.jackson.databind.node.ObjectNode frame = mapper.createObjectNode().put("type", "audio");
        frame.putObject("audio_event").put("audio_base_64", pcm).put("event_id", 7);
        return mapper.writeValueAsString(frame);
    }

    /** Not Parley: the audio event written by hand around the JDK's base64, without a JSON tree. */
    @Benchmark
    public String referenceConcatEncode() {
        return "{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"" + Base64.getEncoder().encodeToString(pcm)
                + "\",\"event_id\":7}}";
    }
}
