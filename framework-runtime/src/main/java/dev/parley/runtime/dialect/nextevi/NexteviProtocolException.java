package dev.parley.runtime.dialect.nextevi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An inbound frame Parley cannot accept. The client always gets an {@code error} message; a problem with a
 * close code also ends the connection (malformed frames, unsupported audio, limits), others leave it running.
 */
final class NexteviProtocolException extends Exception {
    /** No close: the session goes on after the error message. */
    static final int KEEP_OPEN = 0;

    private final String errorCode;
    private final int closeCode;
    private final Map<String, Object> details;

    NexteviProtocolException(String errorCode, String message, int closeCode, Map<String, Object> details) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.closeCode = closeCode;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A problem with this message only: the session goes on. */
    static NexteviProtocolException invalid(String errorCode, String message) {
        return new NexteviProtocolException(errorCode, message, KEEP_OPEN, Map.of());
    }

    /** Audio that cannot be used; names the chunk, as the API reference's example does. The session goes on. */
    static NexteviProtocolException audio(String message, String chunkId) {
        return new NexteviProtocolException(ErrorCodes.AUDIO_PROCESSING_FAILED, message, KEEP_OPEN,
                chunkId == null ? Map.of() : Map.of("chunk_id", chunkId));
    }

    /** A frame that is not a NextEVI message at all: the connection closes with 1002. */
    static NexteviProtocolException malformed(String message) {
        return new NexteviProtocolException(ErrorCodes.INVALID_MESSAGE, message, CloseCodes.PROTOCOL_ERROR, Map.of());
    }

    /** The {@code error_code} sent to the client. */
    String errorCode() {
        return errorCode;
    }

    /** The close code that ends the connection after the error, or {@link #KEEP_OPEN}. */
    int closeCode() {
        return closeCode;
    }

    /** The {@code details} sent to the client. */
    Map<String, Object> details() {
        return details;
    }
}
