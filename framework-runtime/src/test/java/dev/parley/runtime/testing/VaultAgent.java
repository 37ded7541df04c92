package dev.parley.runtime.testing;

import dev.parley.api.Dialects;
import dev.parley.api.OnTranscript;
import dev.parley.api.VoiceAgent;

/** A private agent: reachable only with a signed token. */
@VoiceAgent(id = "vault", dialects = {Dialects.XUNA, Dialects.NEXTEVI, Dialects.PLAYAI}, access = VoiceAgent.Access.PRIVATE, greeting = "Vault open")
public class VaultAgent {

    @OnTranscript
    String reply(String text) {
        return "secret";
    }
}
