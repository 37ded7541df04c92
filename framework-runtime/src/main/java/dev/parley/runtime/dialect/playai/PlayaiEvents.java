package dev.parley.runtime.dialect.playai;

import dev.parley.api.AudioFrame;
import dev.parley.api.Interruption;
import dev.parley.api.Transcript;
import dev.parley.api.spi.ConversationEvents;
import dev.parley.api.spi.DialectContext;
import dev.parley.runtime.audio.Pcm16Codec;
import dev.parley.runtime.audio.encoding.StreamEncoder;
import java.time.Duration;
import java.util.Map;

/**
 * Renders a conversation as PlayAI events. Each response is {@code newAudioStream}, {@code audioStreamStart}, its
 * {@code audioStream} frames (one encoded stream per response), {@code audioStreamEnd}; its text goes out as
 * {@code onAgentTranscript} and {@code llmStreamEnd} when complete. The greeting is framed by
 * {@code onAgentGreeting} and {@code onAgentGreetingEnd} instead of the transcript. Calls come one at a time.
 */
final class PlayaiEvents implements ConversationEvents {
    static final Duration HANGUP_GRACE = Duration.ofSeconds(3);
    private final DialectContext context;
    private final PlayaiEncoder encoder;
    private final OutputAudio output;
    private final PlayaiConnection connection;
    private long greetingId = -1;
    private String greetingText = "";
    /** The response whose audio stream is open, and its encoder. */
    private long streamId = -1;
    private StreamEncoder stream;
    private boolean streamStarted;
    /** The open stream's text once complete: the SDK hands audioStreamEnd's message to onAgentSpeechCompleted. */
    private String streamText = "";

    PlayaiEvents(DialectContext context, PlayaiEncoder encoder, OutputAudio output, PlayaiConnection connection) {
        this.context = context;
        this.encoder = encoder;
        this.output = output;
        this.connection = connection;
    }

    @Override
    public void greetingStarted(long responseId, String text) {
        greetingId = responseId;
        greetingText = text;
        send(encoder.withMessage("onAgentGreeting", text));
        responseStarted(responseId);
    }

    @Override
    public void responseStarted(long responseId) {
        send(encoder.bare("newAudioStream"));
        streamId = responseId;
        stream = output.open();
        streamStarted = false;
        streamText = "";
    }

    @Override
    public void responseText(long responseId, String delta, String textSoFar) {
        // PlayAI clients get the agent's text whole, with onAgentTranscript
    }

    @Override
    public void responseAudio(long responseId, AudioFrame audio) {
        if (responseId != streamId) {
            return;
        }
        if (!streamStarted) {
            streamStarted = true;
            send(encoder.bare("audioStreamStart"));
        }
        short[] pcm = Pcm16Codec.toShorts(audio.data());
        sendAudio(stream.encode(pcm, 0, pcm.length));
    }

    @Override
    public void responseCompleted(long responseId, String fullText) {
        if (responseId == streamId) {
            streamText = fullText;
        }
        // the greeting has its own events, and audio the agent sent by itself had no text to stream
        if (responseId != greetingId && !fullText.isEmpty()) {
            send(encoder.withMessage("onAgentTranscript", fullText));
            send(encoder.bare("llmStreamEnd"));
        }
    }

    @Override
    public void responsePlayedOut(long responseId) {
        if (responseId == streamId) {
            if (streamStarted) {
                sendAudio(stream.finish());
                send(encoder.audioStreamEnd(streamText, responseId));
            }
            closeStream();
        }
        endGreeting(responseId);
    }

    @Override
    public void interrupted(Interruption interruption) {
        if (interruption.responseId() == streamId) {
            closeStream();
        }
        send(encoder.agentInterrupted(interruption.heardText()));
        endGreeting(interruption.responseId());
    }

    @Override
    public void userTranscript(long eventId, Transcript transcript) {
        if (transcript.isFinal()) {
            send(encoder.withMessage("onUserTranscript", transcript.text()));
        }
    }

    @Override
    public void userSpeechStarted() {
        send(encoder.bare("voiceActivityStart"));
    }

    @Override
    public void userSpeechStopped() {
        send(encoder.bare("voiceActivityEnd"));
    }

    @Override
    public void toolCall(String toolCallId, String toolName, Map<String, Object> parameters) {
        connection.toolsUnsupported(toolCallId);
    }

    @Override
    public void agentFailed(String message) {
        send(encoder.error(new PlayaiException(PlayaiError.INTERNAL, message, false)));
    }

    /**
     * The SDK uploads the call's recording after a {@code hangup} and then closes the socket itself, so the server
     * closes only if the client has not within {@link #HANGUP_GRACE}.
     */
    @Override
    public void endRequested(String reason) {
        connection.hungUp();
        send(encoder.hangup("agent"));
        context.after(HANGUP_GRACE, () -> context.client().close(PlayaiConnection.NORMAL, reason));
    }

    @Override
    public void agentUnavailable(String reason) {
        PlayaiException failure = new PlayaiException(PlayaiError.INTERNAL, reason, true);
        send(encoder.error(failure));
        context.client().close(1011, failure.getMessage());
    }

    /** The SDK sends no microphone audio until the greeting has ended, however it ended. */
    private void endGreeting(long responseId) {
        if (responseId == greetingId) {
            greetingId = -1;
            send(encoder.withMessage("onAgentGreetingEnd", greetingText));
        }
    }

    private void closeStream() {
        streamId = -1;
        stream = null;
        streamStarted = false;
        streamText = "";
    }

    private void sendAudio(byte[] encoded) {
        if (encoded.length > 0) {
            send(encoder.audioStream(encoded));
        }
    }

    private void send(String frame) {
        context.client().sendText(frame);
    }
}
