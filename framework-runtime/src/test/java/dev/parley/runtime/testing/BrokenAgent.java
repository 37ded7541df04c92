package dev.parley.runtime.testing;

import dev.parley.api.Dialects;
import dev.parley.api.OnTranscript;
import dev.parley.api.VoiceAgent;

/** An agent that cannot be created: its sessions must end with the dialect's internal-error close. */
@VoiceAgent(id = "broken", dialects = {Dialects.XUNA, Dialects.PLAYAI})
public class BrokenAgent {

    public BrokenAgent() {
        throw new IllegalStateException("broken on purpose");
    }

    @OnTranscript
    String reply(String text) {
        return text;
    }
}
