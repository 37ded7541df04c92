package dev.parley.api.spi;

import java.util.List;

/**
 * A wire protocol of some voice-agent API that Parley serves, found through {@link java.util.ServiceLoader}.
 * Like a Pipecat serializer it is small and flat: it turns the client's frames into calls on a
 * {@link Conversation} and the conversation's {@link ConversationEvents} into frames. Parley owns the
 * rest (sessions, agents, audio, threading).
 *
 * <p>Implementations are stateless and thread-safe; per-connection state lives in the
 * {@link DialectConnection} that {@link #connect} returns.
 */
public interface Dialect {

    /** The dialect's id, as named in {@code @VoiceAgent(dialects = ...)}. */
    String id();

    /**
     * Paths the dialect listens on, as Jakarta WebSocket URI templates ({@code /v1/talk/{agentId}}).
     * Path parameters reach {@link Handshake#pathParameters()}.
     */
    List<String> paths();

    /** Subprotocols the server selects when the client offers them, in preference order. */
    default List<String> subprotocols() {
        return List.of();
    }

    /** Called once the WebSocket is open; returns the handler of this connection's frames. */
    DialectConnection connect(DialectContext context);
}
