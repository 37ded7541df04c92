package dev.parley.samples.war;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.session.LiveConnections;
import dev.parley.samples.concierge.OpeningHours;
import dev.parley.samples.testing.JsonWebSocket;
import dev.parley.samples.testing.LocalSampleServer;
import dev.parley.samples.testing.PlayaiClient;
import dev.parley.samples.testing.XunaClient;
import dev.parley.samples.war.store.ApplicationStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the samples WAR must do on every Jakarta EE server: the server is started once per test class on
 * 127.0.0.1 with the WAR (plus an application's own conversation store, see {@link TestedWar}) deployed at the root
 * context, and stopped after the class, however it ended. The last test stops the application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DeployedSamplesContract {
    /** How long a server may take to start and deploy the WAR. */
    static final Duration START_LIMIT = Duration.ofSeconds(120);
    /**
     * The server JVM's settings: those of the standalone sample tests (text only, pings every 250 ms). The WAR
     * holds no speech engine, so {@code parley.speech=off} is what a server needs for it (docs/deployment.md).
     */
    static final Map<String, String> SETTINGS = LocalSampleServer.SETTINGS;
    static final String QUESTION = "what are your opening hours";
    static final String GREETING = "Hello, I am the concierge. Ask me about our opening hours.";
    /** How long stopping the application may take: Parley's drain (10 s at most) and the server's own work. */
    static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    /** What Parley logs when the application stops: its connections drained, its runtime closed. */
    static final String STOPPED = "Parley stopped with application /";
    static final Pattern DRAINED = Pattern.compile(Pattern.quote(STOPPED) + " in \\d+ ms: \\d+ connections drained, its threads ended");

    private ServerProcess server;
    private Path run;
    private int port;

    /**
     * Starts the server in {@code run} (a fresh directory) with the WAR deployed as {@code war} at the root
     * context, listening for HTTP on {@code port}; the command must bind 127.0.0.1 only.
     */
    abstract ServerProcess start(Path run, Path war, int port) throws Exception;

    /**
     * Stops the application as the server does when it is undeployed, or, where the server cannot undeploy while it
     * runs, by stopping the server politely; returns whether the server still runs (and so still writes its log).
     */
    abstract boolean stopApplication(ServerProcess server, Path run) throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        run = ServerProcess.freshRunDirectory(getClass().getSimpleName());
        Path war = TestedWar.write(run.resolve("ROOT.war"));
        port = ServerProcess.freePorts(1)[0];
        server = start(run, war, port);
        server.awaitAgents(port, START_LIMIT);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theConciergeAnswersWithItsInjectedOpeningHoursAndPingsAreAnswered() {
        try (XunaClient client = XunaClient.connect(port, "concierge")) {
            assertEquals("convai", client.subprotocol());
            JsonNode metadata = client.initiate();
            assertTrue(metadata.path("conversation_id").asText().startsWith("conv_"), metadata::toString);
            assertEquals(GREETING, client.agentResponse().path("agent_response").asText());

            // only an agent whose @Inject OpeningHours the server's CDI filled in can answer this
            assertEquals(new OpeningHours().answer(QUESTION).orElseThrow(), client.ask(QUESTION));

            List<JsonNode> pings = client.awaitPongs(2);
            assertEquals(pings.get(0).path("ping_event").path("event_id").asLong() + 1,
                    pings.get(1).path("ping_event").path("event_id").asLong());
            assertTrue(client.isOpen(), "answered pings keep the conversation open\n" + server.logTail());
            assertEquals(List.of(), client.problems());
            assertEquals(1000, client.end().code(), "the server answers the client's normal close in kind");
        }
    }

    @Test
    void theEchoAgentSendsTheUserAudioBack() {
        byte[] pcm = new byte[3_200];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) (i * 7);
        }
        try (XunaClient client = XunaClient.connect(port, "echo")) {
            client.initiate();
            client.sendAudio(pcm);
            JsonNode audio = client.await("audio").path("audio_event");
            assertArrayEquals(pcm, Base64.getDecoder().decode(audio.path("audio_base_64").asText()));
            assertEquals(List.of(), client.problems());
        }
    }

    @Test
    void aPlayaiClientStartsAConversationAsThePublishedSdkDoesAndContinuesIt() {
        String conversationId;
        try (PlayaiClient client = PlayaiClient.connect(port, "concierge")) {
            JsonNode init = client.setUp(PlayaiClient.SDK_SETUP);
            conversationId = init.path("conversationId").asText();
            assertTrue(conversationId.startsWith("conv_"), init::toString);
            assertEquals("parley", init.path("agentOwnerId").asText(), init::toString);
            assertEquals("en", init.path("language").asText(), init::toString);
            assertEquals(GREETING, client.silentGreeting());

            client.customInput("The caller is looking at the page about opening hours"); // context the concierge ignores
            client.send(PlayaiClient.SDK_SETUP);
            // the next frame: the customInput brought no error, and a second setup is refused without ending the call
            client.awaitError(4400, false);
            assertTrue(client.isOpen(), "a non-fatal error keeps the conversation open\n" + server.logTail());
            assertEquals(List.of(), client.problems());
            assertEquals(1000, client.end().code(), "the server answers the SDK's hang-up in kind");
        }

        // the greeting was saved: a client that reconnects with the conversation's id continues it
        try (PlayaiClient client = PlayaiClient.connect(port, "concierge")) {
            assertEquals(conversationId, client.setUp(PlayaiClient.continuing(conversationId)).path("conversationId").asText());
            assertEquals(1000, client.end().code());
        }
    }

    /**
     * The WAR's own {@code ConversationStore} bean is the store conversations use: Parley looked it up once the
     * application's CDI container was up, not while the server registered the endpoints (on WildFly, before it).
     */
    @Test
    void conversationsAreKeptByTheApplicationsOwnStoreBean() {
        String kept = ApplicationStore.KEPT.conversationId();
        try (PlayaiClient client = PlayaiClient.connect(port, "concierge")) {
            JsonNode init = client.setUp(PlayaiClient.continuing(kept));
            assertEquals(kept, init.path("conversationId").asText(), () -> "only the application's store knows " + kept
                    + "; got " + init + "\n" + server.logTail());
            assertEquals(1000, client.end().code());
        }
    }

    /**
     * When the application stops, Parley drains: the live conversation is closed with 1001 and Parley's reason ("going
     * away", so a client continues elsewhere; WildFly's own close on undeploy gives none), and the runtime is
     * closed with the application (its log line says so, and that its threads ended, where the server still logs).
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void stoppingTheApplicationDrainsParleysConversationsAndStopsIt() throws Exception {
        try (XunaClient live = XunaClient.connect(port, "concierge")) {
            live.initiate();
            assertEquals(GREETING, live.agentResponse().path("agent_response").asText());

            boolean stillRunning = stopApplication(server, run);
            JsonWebSocket.Close close = live.awaitClose(STOP_LIMIT);
            assertEquals(1001, close.code(), () -> close + "\n" + server.logTail());
            assertEquals(LiveConnections.GOING_AWAY_REASON, close.reason(), () -> close + "\n" + server.logTail());
            if (stillRunning) {
                server.awaitLog(STOPPED + " in ", STOP_LIMIT);
                assertTrue(DRAINED.matcher(server.log()).find(), server::logTail);
            }
        }
    }
}
