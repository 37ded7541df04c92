package dev.parley.runtime.dialect.nextevi;

import dev.parley.api.AudioFrame;
import dev.parley.api.Emotions;
import dev.parley.api.Interruption;
import dev.parley.api.SessionEnd;
import dev.parley.api.ToolResult;
import dev.parley.api.Transcript;
import dev.parley.api.spi.ClientLink;
import dev.parley.api.spi.ConversationEvents;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Renders one conversation's events as NextEVI messages.
 *
 * <ul>
 *   <li>User turns: the first words of a turn send {@code turn_start}; each transcript a {@code transcription}; the
 *       final one {@code turn_end} and the SDK's {@code turn_complete}. A turn that ends without final words (the user
 *       stopped, the recognizer dropped it) gets {@code turn_end} with {@code is_complete: false} when the next begins.</li>
 *   <li>Agent responses: {@code status: processing}, {@code llm_response_chunk}s carrying the text so far, a final
 *       chunk with the whole text, {@code tts_chunk}s, then {@code status: ready}. An interrupted response ends with
 *       {@code tts_interruption}, preceded (if its text was still streaming) by a final chunk of what the user heard;
 *       nothing of it follows.</li>
 * </ul>
 *
 * <p>Conversation events never overlap; {@link #emotions} may come at any time from the emotion detector, and only
 * renders.
 */
final class NexteviEvents implements ConversationEvents, EmotionDetection.Listener {
    private static final System.Logger LOG = System.getLogger(NexteviEvents.class.getName());

    private final ClientLink client;
    private final NexteviEncoder encoder;
    private final String connectionId;
    private final Ending ending;
    private final Consumer<ToolResult> toolResults;
    private volatile SessionReport session;
    /** The user turn that has words but no final transcript yet, or -1. */
    private long openTurn = -1;
    private long openTurnStartedAt;
    /** How many text and audio chunks the response being rendered had, and whether its text is complete. */
    private int textChunks;
    private int audioChunks;
    private boolean textComplete;

    /** How the connection closes when the conversation ends from the agent's side. */
    interface Ending {
        void close(SessionEnd.Reason cause, int code, String reason);
    }

    /**
     * @param ending      closes the connection when the agent ends the conversation or cannot serve it
     * @param toolResults answers tool calls (NextEVI clients have no client tools)
     */
    NexteviEvents(ClientLink client, NexteviEncoder encoder, String connectionId, Ending ending,
                  Consumer<ToolResult> toolResults) {
        this.client = client;
        this.encoder = encoder;
        this.connectionId = connectionId;
        this.ending = ending;
        this.toolResults = toolResults;
    }

    /** The session is configured: says {@code ready}, as it will again after every response. */
    void ready(SessionReport started) {
        session = started;
        client.sendText(encoder.ready(started));
    }

    @Override
    public void userTranscript(long eventId, Transcript transcript) {
        long now = System.nanoTime();
        if (eventId != openTurn) {
            if (openTurn >= 0) {
                client.sendText(encoder.turnEnd(turnId(openTurn), since(openTurnStartedAt, now), false));
            }
            openTurn = eventId;
            openTurnStartedAt = now;
            client.sendText(encoder.turnStart(turnId(eventId)));
        }
        client.sendText(encoder.transcription(connectionId, transcript));
        if (transcript.isFinal()) {
            client.sendText(encoder.turnEnd(turnId(eventId), since(openTurnStartedAt, now), true));
            client.sendText(encoder.turnComplete(turnId(eventId), transcript));
            openTurn = -1;
        }
    }

    @Override
    public void responseStarted(long responseId) {
        textChunks = 0;
        audioChunks = 0;
        textComplete = false;
        client.sendText(encoder.processing(responseId));
    }

    @Override
    public void responseText(long responseId, String delta, String textSoFar) {
        client.sendText(encoder.llmChunk(responseId, textChunks++, textSoFar, delta));
    }

    @Override
    public void responseAudio(long responseId, AudioFrame audio) {
        client.sendText(encoder.ttsChunk(responseId, audioChunks++, audio.data()));
    }

    @Override
    public void responseCompleted(long responseId, String fullText) {
        textComplete = true;
        // audio-only responses (an agent that sends audio itself) have no text to finish
        if (textChunks > 0 || !fullText.isEmpty()) {
            client.sendText(encoder.finalLlmChunk(responseId, textChunks, fullText));
        }
        client.sendText(encoder.ready(session));
    }

    @Override
    public void interrupted(Interruption interruption) {
        long responseId = interruption.responseId();
        if (textChunks > 0 && !textComplete) {
            // close the text stream with what the user heard; once the final chunk went out (the speech was still
            // playing), another final one would be a second agent message in the SDK
            client.sendText(encoder.interruptedLlmChunk(responseId, textChunks, interruption.heardText()));
        }
        client.sendText(encoder.ttsInterruption(responseId));
        if (!textComplete) {
            client.sendText(encoder.ready(session)); // otherwise sent when the text completed
        }
    }

    @Override
    public void toolCall(String toolCallId, String toolName, Map<String, Object> parameters) {
        LOG.log(Level.DEBUG, "NextEVI clients have no client tools; answering call {0} of {1} with an error",
                toolCallId, toolName);
        toolResults.accept(new ToolResult(toolCallId, "NextEVI clients have no client tools", true));
    }

    @Override
    public void agentFailed(String message) {
        client.sendText(encoder.error(ErrorCodes.AGENT_ERROR, message, Map.of()));
    }

    @Override
    public void endRequested(String reason) {
        ending.close(SessionEnd.Reason.AGENT_ENDED, CloseCodes.NORMAL, reason);
    }

    @Override
    public void agentUnavailable(String reason) {
        ending.close(SessionEnd.Reason.ERROR, CloseCodes.INTERNAL_ERROR, reason);
    }

    /** Emotions the agent published through its session. */
    @Override
    public void emotions(Emotions emotions) {
        emotions(EmotionReading.of(emotions.scores()));
    }

    @Override
    public void emotions(EmotionReading reading) {
        client.sendText(encoder.emotionUpdate(connectionId, reading));
    }

    @Override
    public void detectionFailed(String detector, RuntimeException failure) {
        String reference = Failures.report("Emotion detector " + detector + " failed on connection " + connectionId, failure);
        client.sendText(encoder.error(ErrorCodes.EMOTION_DETECTION_FAILED, "Emotion detection failed and is off for this "
                + "session (ref " + reference + ")", Map.of()));
    }

    private static String turnId(long eventId) {
        return "turn_" + eventId;
    }

    private static Duration since(long start, long now) {
        return Duration.ofNanos(now - start);
    }
}
