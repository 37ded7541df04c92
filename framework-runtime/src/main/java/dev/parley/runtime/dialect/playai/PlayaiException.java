package dev.parley.runtime.dialect.playai;

/** What went wrong with a client's message, as the {@code error} event reports it. */
final class PlayaiException extends Exception {
    final PlayaiError error;
    final boolean fatal;
    private final String detail;

    PlayaiException(PlayaiError error, String detail, boolean fatal) {
        super(error.message + " " + detail);
        this.error = error;
        this.detail = detail;
        this.fatal = fatal;
    }

    /** The same error, ending the connection (a bad message before the conversation started, say). */
    PlayaiException asFatal() {
        return fatal ? this : new PlayaiException(error, detail, true);
    }

    static PlayaiException invalid(String detail) {
        return new PlayaiException(PlayaiError.INVALID_PARAMETERS, detail, false);
    }

    static PlayaiException fatal(PlayaiError error, String detail) {
        return new PlayaiException(error, detail, true);
    }
}
