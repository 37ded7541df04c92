package dev.parley.runtime.dialect.nextevi;

/** The WebSocket close codes NextEVI clients know (the table in docs/dialects/nextevi.md). */
final class CloseCodes {
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int PROTOCOL_ERROR = 1002;
    static final int UNSUPPORTED_DATA = 1003;
    /** Received when the peer closed without a status. */
    static final int NO_STATUS = 1005;
    static final int MESSAGE_TOO_BIG = 1009;
    static final int INTERNAL_ERROR = 1011;
    static final int UNAUTHORIZED = 4001;
    static final int INVALID_CONFIG = 4002;
    static final int ACCESS_DENIED = 4003;
    static final int RATE_LIMITED = 4004;

    private CloseCodes() {
    }
}
