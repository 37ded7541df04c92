package dev.parley.samples.concierge;

import dev.parley.api.AgentSession;
import dev.parley.api.Dialects;
import dev.parley.api.Interruption;
import dev.parley.api.OnInterruption;
import dev.parley.api.OnTranscript;
import dev.parley.api.Transcript;
import dev.parley.api.VoiceAgent;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;

/** Answers questions about the opening hours, and says plainly what it did not understand. */
@VoiceAgent(id = "concierge", dialects = {Dialects.XUNA, Dialects.PLAYAI},
        greeting = "Hello, I am the concierge. Ask me about our opening hours.")
public class ConciergeAgent {
    private static final System.Logger LOG = System.getLogger(ConciergeAgent.class.getName());

    @Inject
    OpeningHours hours;

    @OnTranscript
    String answer(Transcript said, AgentSession session) {
        return hours.answer(said.text()).orElseGet(() -> "Sorry, I did not understand \"" + said.text()
                + "\". I can tell you our opening hours, for example whether we are open on Sunday.");
    }

    @OnInterruption
    void interrupted(Interruption cut) {
        LOG.log(Level.DEBUG, "Interrupted after: {0}", cut.heardText());
    }
}
