package dev.parley.api.spi;

import dev.parley.api.AudioFormat;
import dev.parley.api.ClientOverrides;
import java.util.Objects;
import java.util.Optional;

/**
 * How a dialect wants a conversation run.
 *
 * @param agent        the agent to serve
 * @param overrides    what the client asked for
 * @param inputFormat  the format of the user audio the dialect will pass on
 * @param outputFormat the format the dialect wants agent audio in
 * @param textOnly     no audio either way: replies are sent as text only
 * @param continues    the id of an earlier conversation this one continues, with its history
 */
public record ConversationSpec(AgentDescriptor<?> agent, ClientOverrides overrides, AudioFormat inputFormat,
                               AudioFormat outputFormat, boolean textOnly, Optional<String> continues) {

    public ConversationSpec {
        Objects.requireNonNull(continues, "continues");
    }

    /** A new conversation. */
    public ConversationSpec(AgentDescriptor<?> agent, ClientOverrides overrides, AudioFormat inputFormat,
                            AudioFormat outputFormat, boolean textOnly) {
        this(agent, overrides, inputFormat, outputFormat, textOnly, Optional.empty());
    }
}
