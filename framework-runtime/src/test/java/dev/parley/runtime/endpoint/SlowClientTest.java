package dev.parley.runtime.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.testing.Recorder;
import dev.parley.runtime.testing.StalledClient;
import dev.parley.runtime.testing.TestServer;
import dev.parley.runtime.testing.XunaTestClient;
import java.io.IOException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that stops reading never stalls anyone else: sends do not block shared threads, so other sessions keep
 * their heartbeat and replies while the stalled one's frames pile up (until Parley's bound closes it).
 */
class SlowClientTest {
    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    @Test
    void aStalledClientDoesNotStopOtherSessionsHeartbeatsOrReplies() throws Exception {
        Recorder recorder = SERVER.recorder();
        recorder.drain();
        try (XunaTestClient healthy = XunaTestClient.initiated(SERVER.port(), "scripted");
             StalledClient stalled = new StalledClient(SERVER.port(), "/v1/convai/conversation?agent_id=scripted")) {
            healthy.agentResponse();
            stalled.sendText("{\"type\":\"conversation_initiation_client_data\"}");
            String chunk = "{\"user_audio_chunk\":\"" + Base64.getEncoder().encodeToString(new byte[32_000]) + "\"}";
            try {
                for (int i = 0; i < 600; i++) {
                    stalled.sendText(chunk); // the agent echoes each one back; the client reads none
                }
            } catch (IOException closedByServer) {
                // acceptable: the server may give up on it
            }
            // the server either echoes well beyond what the socket buffers hold (Tyrus and Jetty buffer the sends
            // themselves) or, once parley.max-queued-bytes wait unsent (Undertow buffers nothing), closes the stalled
            // connection as a policy violation; either way no thread waits for that client
            int echoed = 0;
            String event = "";
            while (echoed < 300 && (event = recorder.await("audio:32000", "ended:")).startsWith("audio:")) {
                echoed++;
            }
            assertTrue(echoed == 300 || event.endsWith(":1008"), "echoed " + echoed + ", then " + event);
            healthy.drainPings();
            Thread.sleep(1_000);
            int pings = healthy.drainPings();
            assertTrue(pings >= 5, "a healthy session keeps its 100 ms heartbeat while another client is stalled: " + pings);
            healthy.userMessage("still served?");
            assertEquals("You said: still served?", healthy.agentResponse());
        }
    }
}
