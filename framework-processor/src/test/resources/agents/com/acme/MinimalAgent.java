package com.acme;

import dev.parley.api.OnTranscript;
import dev.parley.api.VoiceAgent;
import jakarta.inject.Inject;

/** Only a transcript handler, and only a CDI constructor: the descriptor cannot create it alone. */
@VoiceAgent(id = "minimal")
public class MinimalAgent {
    private final String name;

    @Inject
    public MinimalAgent(String name) {
        this.name = name;
    }

    @OnTranscript
    String answer() {
        return "This is " + name + ".";
    }
}
