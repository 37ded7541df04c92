package dev.parley.samples.concierge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.samples.testing.LocalSampleServer;
import dev.parley.samples.testing.XunaClient;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import org.jboss.weld.proxy.WeldClientProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Conversations with the concierge over XUNA: the standalone server, a real WebSocket client, typed questions. */
class ConciergeOverXunaTest {
    static final String GREETING = "Hello, I am the concierge. Ask me about our opening hours.";

    @RegisterExtension
    static final LocalSampleServer SERVER = new LocalSampleServer();

    @Test
    void greetsRightAfterTheMetadataAndAnswersTheOpeningHours() {
        try (XunaClient client = XunaClient.connect(SERVER.port(), "concierge")) {
            assertEquals("convai", client.subprotocol());
            JsonNode metadata = client.initiate();
            assertTrue(metadata.path("conversation_id").asText().startsWith("conv_"), metadata::toString);
            assertEquals("pcm_16000", metadata.path("agent_output_audio_format").asText());

            JsonNode greeting = client.agentResponse();
            assertEquals(GREETING, greeting.path("agent_response").asText());
            assertEquals(1, greeting.path("event_id").asLong());

            assertEquals(OpeningHoursTest.WEEK, client.ask("What are your opening hours?"));
            assertEquals("On Sunday we are closed.", client.ask("Are you open on Sunday?"));
            assertEquals("On Saturday we are open from 10 am to 4 pm.", client.ask("on saturday?"));
            assertEquals(List.of(), client.problems());
        }
    }

    @Test
    void saysWhatItDidNotUnderstandAndQuotesTheQuestion() {
        try (XunaClient client = XunaClient.connect(SERVER.port(), "concierge")) {
            client.initiate();
            client.agentResponse();
            assertEquals("Sorry, I did not understand \"Can I bring my dog?\". "
                            + "I can tell you our opening hours, for example whether we are open on Sunday.",
                    client.ask("Can I bring my dog?"));
            assertEquals(1000, client.end().code(), "the server answers the client's normal close in kind");
        }
    }

    @Test
    void transcriptsAndAnswersCarryIncreasingEventIdsAndPingsAreAnswered() {
        try (XunaClient client = XunaClient.connect(SERVER.port(), "concierge")) {
            client.initiate();
            assertEquals(1, client.agentResponse().path("event_id").asLong());
            client.type("When do you close on Friday?");
            JsonNode transcript = client.await("user_transcript").path("user_transcription_event");
            JsonNode answer = client.agentResponse();
            assertEquals("On Friday we are open from 9 am to 6 pm.", answer.path("agent_response").asText());
            assertEquals(2, transcript.path("event_id").asLong());
            assertEquals(3, answer.path("event_id").asLong());
            List<JsonNode> pings = client.awaitPongs(2);
            assertEquals(pings.get(0).path("ping_event").path("event_id").asLong() + 1,
                    pings.get(1).path("ping_event").path("event_id").asLong());
            assertTrue(client.isOpen(), "answered pings keep the conversation open");
        }
    }

    @Test
    void theAnswerComesFromTheInjectedApplicationScopedOpeningHours() {
        OpeningHours bean = CDI.current().select(OpeningHours.class).get();
        Instance.Handle<ConciergeAgent> handle = CDI.current().select(ConciergeAgent.class).getHandle();
        try {
            ConciergeAgent agent = handle.get(); // created as the runtime creates one per conversation
            assertNotNull(agent.hours, "@Inject OpeningHours");
            assertSame(contextualInstance(bean), contextualInstance(agent.hours), "one OpeningHours for all conversations");
        } finally {
            handle.destroy();
        }
        try (XunaClient client = XunaClient.connect(SERVER.port(), "concierge")) {
            client.initiate();
            client.agentResponse();
            for (String question : List.of("What are your opening hours?", "Open on Tuesday?", "And the weekend?")) {
                assertEquals(bean.answer(question).orElseThrow(), client.ask(question), question);
            }
        }
    }

    private static Object contextualInstance(OpeningHours proxy) {
        return assertInstanceOf(WeldClientProxy.class, proxy, "an @ApplicationScoped bean is injected as a client proxy")
                .getMetadata().getContextualInstance();
    }
}
