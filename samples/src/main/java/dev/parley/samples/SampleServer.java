package dev.parley.samples;

import dev.parley.runtime.standalone.ParleyServer;

/**
 * Starts the sample agents (concierge, echo) on the standalone launcher: 127.0.0.1:8080 unless
 * {@code --host}/{@code --port} or {@code PARLEY_HOST}/{@code PARLEY_PORT} say otherwise.
 */
public final class SampleServer {
    private SampleServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        ParleyServer.main(args);
    }
}
