package dev.parley.runtime.dialect.nextevi;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Logs a failure with a short reference that the client also gets, so both sides can be matched without leaking details. */
final class Failures {
    private static final System.Logger LOG = System.getLogger(Failures.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private Failures() {
    }

    /** Logs {@code what} failed, with the stack trace; returns the reference to show the client. */
    static String report(String what, Throwable failure) {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        String reference = HexFormat.of().formatHex(random);
        LOG.log(Level.ERROR, what + " (ref " + reference + ")", failure);
        return reference;
    }
}
