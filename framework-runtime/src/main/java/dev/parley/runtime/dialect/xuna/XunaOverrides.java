package dev.parley.runtime.dialect.xuna;

import dev.parley.api.ClientOverrides;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads {@code conversation_initiation_client_data} into dialect-neutral {@link ClientOverrides}. */
final class XunaOverrides {
    private XunaOverrides() {
    }

    static ClientOverrides of(XunaInbound.ClientData data) {
        Map<String, Object> override = orEmpty(data.conversationConfigOverride());
        Map<String, Object> agent = section(override, "agent");
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("conversation_config_override", override);
        if (data.customLlmExtraBody() != null) {
            raw.put("custom_llm_extra_body", data.customLlmExtraBody());
        }
        if (data.sourceInfo() != null) {
            raw.put("source_info", data.sourceInfo());
        }
        return new ClientOverrides(
                text(section(agent, "prompt"), "prompt"),
                text(agent, "first_message"),
                text(agent, "language"),
                text(section(override, "tts"), "voice_id"),
                Boolean.TRUE.equals(section(override, "conversation").get("text_only")),
                Optional.ofNullable(data.userId()),
                orEmpty(data.dynamicVariables()),
                raw);
    }

    /** A format the client asks for in {@code section.key} (a Parley extension of the override object). */
    static Optional<String> format(XunaInbound.ClientData data, String section, String key) {
        return text(section(orEmpty(data.conversationConfigOverride()), section), key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String name) {
        Object value = parent.get(name);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Optional<String> text(Map<String, Object> parent, String name) {
        Object value = parent.get(name);
        return value instanceof String text && !text.isEmpty() ? Optional.of(text) : Optional.empty();
    }

    private static Map<String, Object> orEmpty(Map<String, Object> map) {
        return map == null ? Map.of() : map;
    }
}
