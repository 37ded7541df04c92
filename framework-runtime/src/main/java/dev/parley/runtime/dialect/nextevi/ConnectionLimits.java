package dev.parley.runtime.dialect.nextevi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits one connection's messages are held to: a message rate (a {@link TokenBucket}) and the audio chunk
 * size. Exceeding either ends the connection after an {@code error} (4004 and 1009). Used by one thread at a time.
 */
final class ConnectionLimits {
    private final TokenBucket messageRate;
    private final int messagesPerSecond;
    private final int maxChunkBytes;

    ConnectionLimits(NexteviLimits limits, long now) {
        this.messageRate = limits.messageRate(now);
        this.messagesPerSecond = limits.messagesPerSecond();
        this.maxChunkBytes = limits.maxChunkBytes();
    }

    /** Counts one inbound message, text or binary. */
    void countMessage(long now) throws NexteviProtocolException {
        if (!messageRate.tryTake(now)) {
            throw new NexteviProtocolException(ErrorCodes.RATE_LIMIT_EXCEEDED, "More than " + messagesPerSecond
                    + " messages per second", CloseCodes.RATE_LIMITED, Map.of());
        }
    }

    /** Checks the size of an audio chunk, binary or decoded from {@code audio_input} ({@code chunkId} may be null). */
    void checkChunk(int bytes, String chunkId) throws NexteviProtocolException {
        if (bytes > maxChunkBytes) {
            Map<String, Object> details = new LinkedHashMap<>();
            if (chunkId != null) {
                details.put("chunk_id", chunkId);
            }
            details.put("bytes", bytes);
            details.put("limit", maxChunkBytes);
            throw new NexteviProtocolException(ErrorCodes.AUDIO_CHUNK_TOO_LARGE, "An audio chunk of " + bytes
                    + " bytes exceeds the limit of " + maxChunkBytes, CloseCodes.MESSAGE_TOO_BIG, details);
        }
    }
}
