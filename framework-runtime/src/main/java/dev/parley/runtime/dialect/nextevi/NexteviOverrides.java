package dev.parley.runtime.dialect.nextevi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.api.ClientOverrides;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a NextEVI client asked for, as {@link ClientOverrides}. NextEVI has no prompt, greeting or voice fields;
 * the agent finds the connection and the client's {@code session_settings} (as sent, snake case) in
 * {@link ClientOverrides#raw()}, for what Parley does not act on itself ({@code turn_detection}, {@code idle_timeout}).
 */
final class NexteviOverrides {
    private static final ObjectMapper JSON = new ObjectMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private NexteviOverrides() {
    }

    /** @param settings the client's settings, or null if it sent none */
    @SuppressWarnings("unchecked")
    static ClientOverrides of(String connectionId, Optional<String> projectId, NexteviInbound.SessionSettings settings) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("connection_id", connectionId);
        projectId.ifPresent(project -> raw.put("project_id", project));
        if (settings != null) {
            raw.put("session_settings", JSON.convertValue(settings, Map.class));
        }
        ClientOverrides none = ClientOverrides.NONE;
        return new ClientOverrides(none.prompt(), none.firstMessage(), none.language(), none.voiceId(), false,
                none.userId(), Map.of(), raw);
    }
}
