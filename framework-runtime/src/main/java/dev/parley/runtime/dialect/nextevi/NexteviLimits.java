package dev.parley.runtime.dialect.nextevi;

import dev.parley.runtime.config.Settings;
import java.time.Duration;

/**
 * The NextEVI API's published limits, as settings (docs/configuration.md); the defaults are the API's.
 *
 * @param maxChunkBytes              largest audio chunk, binary or decoded {@code audio_input}
 * @param messagesPerSecond          messages (text and binary) a connection may send per second
 * @param maxSessionDuration         how long a connection may last
 * @param sessionsPerKey             sessions one API key (or JWT subject) may have open at once
 * @param connectionsPerKeyPerMinute connections one API key (or JWT subject) may open per minute
 * @param connectionsPerIpPerMinute  connections one client address may open per minute
 */
record NexteviLimits(int maxChunkBytes, int messagesPerSecond, Duration maxSessionDuration, int sessionsPerKey,
                     int connectionsPerKeyPerMinute, int connectionsPerIpPerMinute) {

    static NexteviLimits from(Settings settings) {
        return new NexteviLimits(
                settings.getInt("parley.nextevi.max-chunk-bytes", 1_000_000),
                settings.getInt("parley.nextevi.max-messages-per-second", 100),
                settings.getDuration("parley.nextevi.max-session-duration", Duration.ofMinutes(60)),
                settings.getInt("parley.nextevi.max-sessions-per-key", 10),
                settings.getInt("parley.nextevi.connections-per-key-per-minute", 100),
                settings.getInt("parley.nextevi.connections-per-ip-per-minute", 50));
    }

    /** A fresh per-connection message rate. */
    TokenBucket messageRate(long now) {
        return new TokenBucket(messagesPerSecond, Duration.ofSeconds(1), now);
    }
}
