package dev.parley.runtime.dialect.nextevi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.testing.Recorder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A session that reaches its duration limit is told so, closed normally, and frees its slot. */
class NexteviSessionDurationTest {
    @RegisterExtension
    static final NexteviServer SERVER = new NexteviServer(Map.of(
            "parley.nextevi.max-session-duration", "800",
            "parley.nextevi.max-sessions-per-key", "1"));

    @Test
    void theSessionEndsAtItsLimitWithAnErrorAnd1000() throws Exception {
        Recorder recorder = SERVER.recorder();
        recorder.drain();
        long start = System.nanoTime();
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            JsonNode error = client.skipTo("error");
            long lastedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(lastedMillis >= 700, "lasted " + lastedMillis + " ms of 800");
            assertEquals("SESSION_DURATION_EXCEEDED", error.path("error_code").asText());
            assertEquals("The session reached its duration limit of 800 ms", error.path("error_message").asText());
            assertEquals("{\"limit_seconds\":0.8}", error.path("details").toString());
            client.assertClosed(1000, "Session duration limit reached");
            recorder.await("ended:TIMEOUT:1000");
        }
        try (NexteviTestClient again = NexteviTestClient.connected(SERVER.port(), "scripted")) {
            again.send(NexteviTestClient.SDK_SETTINGS);
            again.awaitStatus("ready");
        }
    }
}
