package dev.parley.samples.war;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.samples.concierge.OpeningHours;
import dev.parley.samples.testing.LocalSampleServer;
import dev.parley.samples.testing.XunaClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the samples WAR must do on every Jakarta EE server: the server is started once per test class on
 * 127.0.0.1 with the WAR deployed at the root context, and stopped after the class, however it ended.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeployedSamplesContract {
    /** How long a server may take to start and deploy the WAR. */
    static final Duration START_LIMIT = Duration.ofSeconds(120);
    /**
     * The server JVM's settings: those of the standalone sample tests (text only, pings every 250 ms). The WAR
     * holds no speech engine, so {@code parley.speech=off} is what a server needs for it (docs/deployment.md).
     */
    static final Map<String, String> SETTINGS = LocalSampleServer.SETTINGS;
    static final String QUESTION = "what are your opening hours";

    private ServerProcess server;
    private int port;

    /**
     * Starts the server in {@code run} (a fresh directory) with the WAR deployed as {@code war} at the root
     * context, listening for HTTP on {@code port}; the command must bind 127.0.0.1 only.
     */
    abstract ServerProcess start(Path run, Path war, int port) throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        Path run = ServerProcess.freshRunDirectory(getClass().getSimpleName());
        Path war = Files.copy(ServerProcess.provided("parley.it.war"), run.resolve("ROOT.war"),
                StandardCopyOption.REPLACE_EXISTING);
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
            assertEquals("Hello, I am the concierge. Ask me about our opening hours.",
                    client.agentResponse().path("agent_response").asText());

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
}
