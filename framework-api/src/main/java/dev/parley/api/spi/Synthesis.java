package dev.parley.api.spi;

/** A synthesis under way. */
public interface Synthesis {

    /** Stops it as soon as possible; no audio is delivered after this returns. Idempotent. */
    void cancel();
}
