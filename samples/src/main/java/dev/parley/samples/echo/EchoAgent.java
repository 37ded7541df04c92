package dev.parley.samples.echo;

import dev.parley.api.AgentSession;
import dev.parley.api.AudioFrame;
import dev.parley.api.Dialects;
import dev.parley.api.OnAudio;
import dev.parley.api.VoiceAgent;

/** Sends every frame of user audio straight back as agent audio: the smallest agent, used by the benchmarks. */
@VoiceAgent(id = "echo", dialects = {Dialects.XUNA})
public class EchoAgent {

    @OnAudio(blocking = false) // it only sends the frame back: no need for a worker thread
    void echo(AudioFrame frame, AgentSession session) {
        session.sendAudio(frame);
    }
}
