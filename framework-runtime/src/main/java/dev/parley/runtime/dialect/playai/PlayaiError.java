package dev.parley.runtime.dialect.playai;

/** The error codes of the PlayAI API, with the seed document's messages. */
enum PlayaiError {
    INVALID_TOKEN(1001, "Invalid authorization token."),
    INVALID_AGENT(1002, "Invalid agent id."),
    INVALID_CREDENTIALS(1003, "Invalid authorization credentials."),
    INVALID_PARAMETERS(4400, "Invalid parameters."),
    UNAUTHORIZED(4401, "Unauthorized."),
    TOO_MANY_CONNECTIONS(4429, "You have reached the maximum number of concurrent connections allowed."),
    INTERNAL(4500, "Internal error.");

    /** Close code for fatal errors whose code is not itself a private-use close code (4000-4999). */
    static final int POLICY_VIOLATION = 1008;

    final int code;
    final String message;

    PlayaiError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /**
     * The WebSocket close code after this error when it is fatal: the error's own code where it is a valid
     * private-use close code, else 1008. (1001-1003 are reserved WebSocket codes with other meanings.)
     */
    int closeCode() {
        return code >= 4000 && code <= 4999 ? code : POLICY_VIOLATION;
    }
}
