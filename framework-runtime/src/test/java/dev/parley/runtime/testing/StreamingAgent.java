package dev.parley.runtime.testing;

import dev.parley.api.Dialects;
import dev.parley.api.OnTranscript;
import dev.parley.api.VoiceAgent;
import java.util.stream.Stream;

/** Replies in chunks pulled from a Stream, as an LLM client's token stream would be. */
@VoiceAgent(id = "streaming", dialects = {Dialects.XUNA, Dialects.NEXTEVI})
public class StreamingAgent {

    @OnTranscript
    Stream<String> reply(String text) {
        return Stream.of("one ", "two ", "three");
    }
}
