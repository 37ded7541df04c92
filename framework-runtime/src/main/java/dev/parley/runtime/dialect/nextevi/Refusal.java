package dev.parley.runtime.dialect.nextevi;

/** A connection that may not proceed: it is closed with this code and reason, before any message. */
final class Refusal extends Exception {
    private final int closeCode;

    Refusal(int closeCode, String reason) {
        super(reason, null, false, false);
        this.closeCode = closeCode;
    }

    int closeCode() {
        return closeCode;
    }
}
