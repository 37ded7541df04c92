package dev.parley.runtime.dialect.xuna;

/** An inbound frame Parley cannot accept; the session answers with an {@code error} event and goes on. */
final class XunaProtocolException extends Exception {
    private final String errorType;

    XunaProtocolException(String errorType, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
    }

    /** The {@code error_event.error_type} sent to the client. */
    String errorType() {
        return errorType;
    }
}
