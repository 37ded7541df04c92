package dev.parley.api;

import java.util.Map;
import java.util.Optional;

/**
 * What the client asked for when it started the conversation, in dialect-neutral form. Every field is
 * optional; {@link #raw()} keeps the dialect's own configuration object for anything else.
 *
 * @param prompt           a system prompt for the agent
 * @param firstMessage     a greeting that replaces the agent's own
 * @param language         a language tag such as {@code en}
 * @param voiceId          a voice the client asked for
 * @param textOnly         whether the client wants text only, no audio
 * @param userId           the client's id for its user
 * @param dynamicVariables values the client wants substituted into the agent's texts
 * @param raw              the dialect's configuration as JSON-like maps, lists and scalars
 */
public record ClientOverrides(Optional<String> prompt, Optional<String> firstMessage, Optional<String> language,
                              Optional<String> voiceId, boolean textOnly, Optional<String> userId,
                              Map<String, Object> dynamicVariables, Map<String, Object> raw) {

    public static final ClientOverrides NONE = new ClientOverrides(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), false, Optional.empty(), Map.of(), Map.of());

    public ClientOverrides {
        dynamicVariables = Map.copyOf(dynamicVariables);
        raw = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw));
    }
}
