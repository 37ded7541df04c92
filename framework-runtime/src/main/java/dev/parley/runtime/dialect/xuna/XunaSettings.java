package dev.parley.runtime.dialect.xuna;

import dev.parley.api.spi.DialectContext;
import java.time.Duration;

/**
 * The dialect's tunables (docs/configuration.md).
 *
 * @param pingInterval       how often the server pings
 * @param pongTimeout        how long without a pong before the session is closed as dead
 * @param initiationTimeout  how long to wait for {@code conversation_initiation_client_data} before starting anyway
 * @param inputFormat        default {@code user_input_audio_format}
 * @param outputFormat       default {@code agent_output_audio_format}
 */
record XunaSettings(Duration pingInterval, Duration pongTimeout, Duration initiationTimeout, String inputFormat,
                    String outputFormat) {

    static XunaSettings from(DialectContext context) {
        return new XunaSettings(
                duration(context, "parley.xuna.ping-interval", "5000"),
                duration(context, "parley.xuna.pong-timeout", "20000"),
                duration(context, "parley.xuna.initiation-timeout", "10000"),
                context.setting("parley.xuna.input-format", "pcm_16000"),
                context.setting("parley.xuna.output-format", "pcm_16000"));
    }

    private static Duration duration(DialectContext context, String key, String defaultMillis) {
        String value = context.setting(key, defaultMillis);
        try {
            return value.startsWith("P") ? Duration.parse(value) : Duration.ofMillis(Long.parseLong(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Setting " + key + " has the invalid value '" + value
                    + "': use milliseconds or an ISO-8601 duration", e);
        }
    }
}
