package dev.parley.runtime.dialect.playai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.standalone.ParleyServer;
import dev.parley.runtime.standalone.ServerOptions;
import dev.parley.runtime.testing.ParleyProcess;
import dev.parley.runtime.testing.RedisServer;
import dev.parley.runtime.testing.XunaTestClient;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/**
 * Two Parley instances sharing one Redis, as two machines behind a load balancer would: instance A in this JVM
 * (started and stopped per test), instance B in its own JVM through the standalone launcher. A conversation begun
 * on one continues on the other with PlayAI's {@code continueConversation} (or XUNA's {@code ?conversation_id=}); a draining instance sends its clients
 * away with 1001 after saving; and Redis going down fails only the sessions that need it, with PlayAI's 4500.
 * The last tests stop B and Redis, so the order is fixed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlayaiScaleOutTest {
    private static final String REMEMBER = "say:remember the blue door";
    private static final String HISTORY_AFTER_ONE_TURN =
            "AGENT: Hi there | AGENT: You said: remember the blue door | AGENT: Hi there";
    private static final int GOING_AWAY = 1001;

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static ParleyProcess instanceB;
    private ParleyServer instanceA;

    private static Map<String, String> settings() {
        return Map.of(
                "parley.speech", "off",
                "parley.store", "redis",
                "parley.store.redis.url", REDIS.url(),
                "parley.drain-timeout", "5000");
    }

    @BeforeAll
    static void startInstanceB() {
        instanceB = ParleyProcess.start(settings());
    }

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) { // null when skipped
            instanceB.close();
        }
    }

    @BeforeEach
    void startInstanceA() {
        instanceA = ParleyServer.start(new ServerOptions("127.0.0.1", 0, settings()));
    }

    @AfterEach
    void stopInstanceA() {
        instanceA.close();
    }

    /** A client and the id of its conversation. */
    private record Started(PlayaiTestClient client, String id) {
    }

    /** A conversation on {@code port} where the user asked the agent to remember the blue door. */
    private static Started rememberingTheBlueDoor(int port) {
        PlayaiTestClient client = PlayaiTestClient.connect(port, "scripted");
        client.send(PlayaiTestClient.SDK_SETUP);
        String id = client.await("init").path("conversationId").asText();
        client.greeting();
        client.customInput(REMEMBER);
        assertEquals("You said: remember the blue door", client.agentTranscript());
        return new Started(client, id);
    }

    /** Continues conversation {@code id} on {@code port} and returns what the agent there has in its history. */
    private static String historyOn(int port, String id) {
        try (PlayaiTestClient client = PlayaiTestClient.connect(port, "scripted")) {
            client.send(PlayaiTestClient.setup(Map.of("continueConversation", id)));
            assertEquals(id, client.await("init").path("conversationId").asText());
            client.greeting();
            client.customInput("say:history");
            return client.agentTranscript();
        }
    }

    @Test
    @Order(1)
    void aConversationBegunOnOneInstanceContinuesOnAnother() throws Exception {
        Started first = rememberingTheBlueDoor(instanceA.port());
        first.client().close();
        String id = first.id();
        awaitSaved(id);
        assertEquals(HISTORY_AFTER_ONE_TURN, historyOn(instanceB.port(), id));
    }

    @Test
    @Order(1)
    void aXunaConversationContinuesOnAnotherInstanceByItsId() throws Exception {
        String id;
        try (XunaTestClient first = XunaTestClient.connect(instanceA.port(), "agent_id=scripted")) {
            id = first.initiate();
            first.agentResponse();
            first.userMessage("remember the blue door");
            assertEquals("You said: remember the blue door", first.agentResponse());
        }
        awaitSaved(id);
        try (XunaTestClient second = XunaTestClient.connect(instanceB.port(), "agent_id=scripted&conversation_id=" + id)) {
            second.initiate();
            second.agentResponse();
            second.userMessage("history");
            assertTrue(second.agentResponse().startsWith("AGENT: Hi there | USER: remember the blue door | "
                    + "AGENT: You said: remember the blue door"));
        }
    }

    @Test
    @Order(2)
    void aDrainingInstanceSavesThenSendsItsClientsAwayWith1001AndTheyContinueOnAnother() throws Exception {
        Started started = rememberingTheBlueDoor(instanceA.port());
        try (PlayaiTestClient client = started.client()) {
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(instanceA::close);
            CloseReason closed = client.awaitClose();
            assertEquals(GOING_AWAY, closed.getCloseCode().getCode(), closed::toString);
            stopping.get(15, TimeUnit.SECONDS);
        }
        // no waiting for the save: the drain saved the conversation before it closed the connection
        assertEquals(HISTORY_AFTER_ONE_TURN, historyOn(instanceB.port(), started.id()));
    }

    @Test
    @Order(3)
    void theLauncherDrainsOnSigtermAndTheClientContinuesOnAnotherInstance() throws Exception {
        Started started = rememberingTheBlueDoor(instanceB.port());
        try (PlayaiTestClient client = started.client()) {
            CompletableFuture<Integer> exited = CompletableFuture.supplyAsync(() -> {
                try {
                    return instanceB.terminate(30);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            CloseReason closed = client.awaitClose();
            assertEquals(GOING_AWAY, closed.getCloseCode().getCode(), closed::toString);
            assertEquals(143, exited.get(35, TimeUnit.SECONDS), "killed by SIGTERM, after its shutdown hook");
        }
        assertEquals(HISTORY_AFTER_ONE_TURN, historyOn(instanceA.port(), started.id()));
    }

    @Test
    @Order(4)
    void withRedisDownContinuingIsAFatal4500WhileConversationsThatNeedNoStoreGoOn() throws Exception {
        try (PlayaiTestClient earlier = rememberingTheBlueDoor(instanceA.port()).client()) {
            REDIS.kill();
            try (PlayaiTestClient continuing = PlayaiTestClient.connect(instanceA.port(), "scripted")) {
                continuing.send(PlayaiTestClient.setup(Map.of("continueConversation", "conv_0123456789abcdef01234567")));
                JsonNode error = continuing.awaitError(4500, true);
                String message = error.path("message").asText();
                assertTrue(message.startsWith("Internal error. continueConversation: The conversation cannot be loaded now "
                        + "(ref "), message);
                assertTrue(!message.contains("127.0.0.1") && !message.contains("redis"), "no internals: " + message);
                continuing.assertClosed(4500, message);
            }
            try (PlayaiTestClient fresh = PlayaiTestClient.started(instanceA.port(), "scripted", PlayaiTestClient.SDK_SETUP)) {
                fresh.greeting();
                fresh.customInput("say:hello");
                assertEquals("You said: hello", fresh.agentTranscript());
            }
            earlier.customInput("say:still here");
            assertEquals("You said: still here", earlier.agentTranscript());
        } finally {
            REDIS.restart();
        }
    }

    /** Waits (at most 5 s) until the conversation's last turn is in Redis: saves run off the connection's thread. */
    private static void awaitSaved(String id) throws Exception {
        try (RedisClient raw = RedisClient.create(URI.create(REDIS.url()))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            String json = null;
            while (System.nanoTime() < deadline) {
                json = raw.get("parley:conversation:" + id);
                if (json != null && json.contains("remember the blue door")) {
                    return;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("Conversation " + id + " was not saved within 5 s: " + json);
        }
    }
}
