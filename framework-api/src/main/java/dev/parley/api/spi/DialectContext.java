package dev.parley.api.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/** What the runtime offers a {@link DialectConnection}. */
public interface DialectContext {

    Handshake handshake();

    ClientLink client();

    /** The agent with this id that speaks this dialect, if any. */
    Optional<AgentDescriptor<?>> agent(String agentId);

    /** Ids of the public agents that speak this dialect, for helpful error messages. */
    java.util.List<String> publicAgentIds();

    /** The agent a signed token (see the runtime's {@code AgentTokens}) grants, if it is valid and unexpired. */
    Optional<String> agentGrantedBy(String token);

    /**
     * Starts the conversation; the agent is created and output begins on {@link Conversation#begin()}.
     *
     * @throws IllegalArgumentException when {@code spec} continues a conversation the store does not have for this
     *                                  agent: the client's mistake
     * @throws IllegalStateException    when {@code spec} continues a conversation and the store failed to load it (it is
     *                                  unreachable, say): the server's failure, to report as the dialect's internal error;
     *                                  the message is safe to show and carries a reference that is also logged
     */
    Conversation startConversation(ConversationSpec spec, ConversationEvents events);

    /** Runs {@code task} every {@code period} until the connection closes (heartbeats). */
    ScheduledFuture<?> every(Duration period, Runnable task);

    /** Runs {@code task} once after {@code delay} unless the connection closed before. */
    ScheduledFuture<?> after(Duration delay, Runnable task);

    /** A configuration value (see docs/configuration.md), or {@code defaultValue}. */
    String setting(String key, String defaultValue);

    /** Validates a decoded inbound message with Bean Validation; returns the violations as one readable line, or empty. */
    Optional<String> validate(Object message);
}
