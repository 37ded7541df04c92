package dev.parley.runtime.dialect.xuna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.testing.TestServer;
import dev.parley.runtime.testing.XunaTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ?conversation_id=} continues an earlier XUNA conversation: the same id, and the agent sees its history. */
class XunaContinuationTest {
    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    @Test
    void aConversationContinuesUnderItsIdWithItsHistory() throws Exception {
        String id;
        try (XunaTestClient first = XunaTestClient.connect(SERVER.port(), "agent_id=scripted")) {
            id = first.initiate();
            first.agentResponse();
            first.userMessage("remember the blue door");
            assertEquals("You said: remember the blue door", first.agentResponse());
        }
        Thread.sleep(200); // saves run off the connection's thread
        try (XunaTestClient second = XunaTestClient.connect(SERVER.port(), "agent_id=scripted&conversation_id=" + id)) {
            assertEquals(id, second.initiate());
            second.agentResponse();
            second.userMessage("history");
            String history = second.agentResponse();
            assertTrue(history.startsWith("AGENT: Hi there | USER: remember the blue door | AGENT: You said: remember the "
                    + "blue door | AGENT: Hi there"), history);
        }
    }

    @Test
    void anUnknownConversationIsRefusedWithTheReason() {
        try (XunaTestClient client = XunaTestClient.connect(SERVER.port(), "agent_id=scripted&conversation_id=conv_nope")) {
            client.send("{\"type\":\"conversation_initiation_client_data\"}");
            var close = client.awaitClose();
            assertEquals(1008, close.getCloseCode().getCode());
            assertEquals("There is no conversation 'conv_nope' with agent 'scripted' to continue", close.getReasonPhrase());
        }
    }
}
