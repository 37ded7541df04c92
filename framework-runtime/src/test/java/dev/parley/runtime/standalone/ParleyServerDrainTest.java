package dev.parley.runtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.testing.Recorder;
import dev.parley.runtime.testing.XunaTestClient;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Draining the standalone server: new clients are refused, a reply being given is finished (within the drain timeout),
 * then each connection is closed with 1001 so its client can go to another instance. Each test drains its own server.
 */
class ParleyServerDrainTest {
    private static final int GOING_AWAY = 1001;
    private ParleyServer server;

    @BeforeEach
    void start() {
        server = ParleyServer.start(new ServerOptions("127.0.0.1", 0, Map.of("parley.speech", "off")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The slow agent's long reply: 50 words, one every 50 ms. */
    private static XunaTestClient midReply(int port) {
        XunaTestClient client = XunaTestClient.initiated(port, "slow");
        client.userMessage("talk");
        client.await("user_transcript");
        client.await("agent_chat_response_part");
        return client;
    }

    @Test
    void aDrainLetsTheReplyBeingGivenFinishThenClosesWith1001() throws Exception {
        try (XunaTestClient client = midReply(server.port())) {
            long start = System.nanoTime();
            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> server.drain(Duration.ofSeconds(10)));
            String reply = client.agentResponse();
            assertTrue(reply.strip().endsWith("word48 word49"), reply);
            CloseReason closed = client.awaitClose();
            assertEquals(GOING_AWAY, closed.getCloseCode().getCode(), closed::toString);
            assertTrue(closed.getReasonPhrase().startsWith("The server is shutting down"), closed::toString);
            assertTrue(drained.get(10, TimeUnit.SECONDS), "nothing was cut off");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 1_000, "the drain waited for the rest of the reply (about 2.4 s), took " + millis + " ms");
        }
    }

    @Test
    void theDrainTimeoutBoundsTheWaitForAReply() throws Exception {
        try (XunaTestClient client = midReply(server.port())) {
            long start = System.nanoTime();
            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> server.drain(Duration.ofMillis(300)));
            List<JsonNode> frames = client.collectQuietFor(1_000, 5);
            CloseReason closed = client.awaitClose();
            assertEquals(GOING_AWAY, closed.getCloseCode().getCode(), closed::toString);
            assertFalse(drained.get(5, TimeUnit.SECONDS), "the reply was cut off by the timeout");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 2_000, "bounded by the 300 ms timeout, took " + millis + " ms");
            assertTrue(frames.stream().noneMatch(frame -> frame.toString().contains("word49")), frames::toString);
        }
    }

    @Test
    void aQuietConversationIsClosedAtOnceItsAgentLearnsTheServerShutDownAndNewClientsAreRefused() throws Exception {
        int port = server.port();
        Recorder recorder = CDI.current().select(Recorder.class).get();
        recorder.drain();
        try (XunaTestClient client = XunaTestClient.initiated(port, "scripted")) {
            assertEquals("Hi there", client.agentResponse());
            long start = System.nanoTime();
            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> server.drain(Duration.ofSeconds(10)));
            assertEquals(GOING_AWAY, client.awaitClose().getCloseCode().getCode());
            assertEquals("ended:SERVER_SHUTDOWN:1001", recorder.await("ended:"));
            assertTrue(drained.get(10, TimeUnit.SECONDS));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 5_000, "nothing to wait for, took " + millis + " ms");
        }
        assertThrows(IllegalStateException.class, () -> XunaTestClient.connect(port, "agent_id=scripted").close(),
                "the listener is closed");
    }

    @Test
    void closingTheServerDrainsIt() throws Exception {
        try (XunaTestClient client = XunaTestClient.initiated(server.port(), "scripted")) {
            assertEquals("Hi there", client.agentResponse());
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            CloseReason closed = client.awaitClose();
            assertEquals(GOING_AWAY, closed.getCloseCode().getCode(), closed::toString);
            assertTrue(closed.getReasonPhrase().startsWith("The server is shutting down"), closed::toString);
            closing.get(10, TimeUnit.SECONDS);
        }
    }
}
