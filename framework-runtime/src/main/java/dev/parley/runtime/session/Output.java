package dev.parley.runtime.session;

import dev.parley.api.AudioFrame;
import dev.parley.api.Emotions;
import dev.parley.api.Interruption;
import dev.parley.api.Transcript;
import dev.parley.api.spi.ConversationEvents;
import java.util.Map;

/**
 * The conversation's single way out to its dialect: calls never overlap, keep their order, and stop at
 * once when the conversation closes. What was said is recorded in the conversation's {@link History} on the way.
 */
final class Output {
    private final ConversationEvents events;
    private final History history;
    private boolean closed;

    Output(ConversationEvents events, History history) {
        this.events = events;
        this.history = history;
    }

    synchronized void close() {
        closed = true;
    }

    synchronized void userTranscript(long eventId, Transcript transcript) {
        if (!closed) {
            events.userTranscript(eventId, transcript);
        }
        if (transcript.isFinal()) {
            history.user(transcript.text());
        }
    }

    synchronized void responseStarted(long responseId) {
        if (!closed) {
            events.responseStarted(responseId);
        }
    }

    synchronized void greetingStarted(long responseId, String text) {
        if (!closed) {
            events.greetingStarted(responseId, text);
        }
    }

    synchronized void responseText(long responseId, String delta, String textSoFar) {
        if (!closed) {
            events.responseText(responseId, delta, textSoFar);
        }
    }

    synchronized void responseAudio(long responseId, AudioFrame audio) {
        if (!closed) {
            events.responseAudio(responseId, audio);
        }
    }

    synchronized void responseCompleted(long responseId, String fullText) {
        if (!closed) {
            events.responseCompleted(responseId, fullText);
        }
        history.agent(responseId, fullText);
    }

    synchronized void responsePlayedOut(long responseId) {
        if (!closed) {
            events.responsePlayedOut(responseId);
        }
    }

    synchronized void userSpeechStarted() {
        if (!closed) {
            events.userSpeechStarted();
        }
    }

    synchronized void userSpeechStopped() {
        if (!closed) {
            events.userSpeechStopped();
        }
    }

    synchronized void interrupted(Interruption interruption) {
        if (!closed) {
            events.interrupted(interruption);
        }
        history.interrupted(interruption.responseId(), interruption.heardText());
    }

    synchronized void toolCall(String toolCallId, String toolName, Map<String, Object> parameters) {
        if (!closed) {
            events.toolCall(toolCallId, toolName, parameters);
        }
    }

    synchronized void agentFailed(String message) {
        if (!closed) {
            events.agentFailed(message);
        }
    }

    synchronized void emotions(Emotions emotions) {
        if (!closed) {
            events.emotions(emotions);
        }
    }

    synchronized void agentUnavailable(String reason) {
        if (!closed) {
            events.agentUnavailable(reason);
        }
    }

    synchronized void endRequested(String reason) {
        if (!closed) {
            events.endRequested(reason);
        }
    }
}
