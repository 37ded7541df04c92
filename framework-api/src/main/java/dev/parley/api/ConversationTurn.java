package dev.parley.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished turn of a conversation's history, as {@link AgentSession#history()} gives it.
 *
 * @param speaker who spoke
 * @param text    what was said; for an interrupted agent turn, what the user heard of it
 * @param at      when the turn ended
 */
public record ConversationTurn(Speaker speaker, String text, Instant at) {

    public enum Speaker {
        USER,
        AGENT
    }

    public ConversationTurn {
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }
}
