package dev.parley.api.spi;

/** The handler kinds an agent may declare; an invoker reports which ones its agent has. */
public enum Handler {
    SESSION_START, TRANSCRIPT, INTERRUPTION, AUDIO, CONTEXT_UPDATE, SESSION_END, ERROR
}
